namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.max-allowed-packet: a row travels in one packet each way, so max_allowed_packet must exceed the largest row
/// on the source on both servers: the source refuses to send a larger row (ERROR 1153 / 2020 on the copy's SELECT) and
/// the target to receive it (ERROR 1153 on the LOAD DATA). Only BLOB/TEXT/JSON/spatial columns can exceed the 64 KiB
/// in-row limit, so only tables with such columns are scanned (MAX of their summed lengths), plus 64 KiB for the rest
/// of the row. The copy streams rows, so nothing else about a table's size needs a setting.
/// </summary>
internal sealed class MaxAllowedPacketRule : IPrecheckRule
{
    public const string Id = "compat.max-allowed-packet";

    /// <summary>Upper bound of the non-LOB part of a row (MySQL's 65,535-byte row size limit).</summary>
    private const long RestOfRow = 65_535;

    public PrecheckGroup Group => PrecheckGroup.Compatibility;

    public PrecheckNeeds Needs => PrecheckNeeds.Both;

    public async Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var packets = new[] { ("source", context.SourceFacts), ("target", context.TargetFacts) }
            .Select(server => (Role: server.Item1, Packet: server.Item2.NumericVariable("max_allowed_packet")))
            .Where(server => server.Packet is not null)
            .ToList();
        if (!context.Request.ScanData || packets.Count == 0)
        {
            return [];
        }

        var findings = new List<PrecheckFinding>();
        foreach (var table in context.Tables)
        {
            if (!table.Columns.Any(ColumnKinds.IsLob))
            {
                continue;
            }

            var largest = (await context.Data.ScanAsync(table, cancellationToken)).MaxLobBytes + RestOfRow;
            findings.AddRange(packets.Where(server => largest > server.Packet).Select(server => TooSmall(table, largest, server.Role, (long)server.Packet!.Value)));
        }

        return findings;
    }

    private static PrecheckFinding TooSmall(TableFacts table, long largest, string role, long packet)
    {
        var suggested = 1L << (int)Math.Ceiling(Math.Log2(largest * 2.0));
        return new PrecheckFinding(Id, PrecheckSeverity.Error, table.FullName,
            $"The largest row of {table.FullName} needs up to {PrecheckText.Bytes(largest)} " +
            $"(BLOB/TEXT/JSON columns plus the 64 KiB in-row limit); the {role}'s max_allowed_packet is {PrecheckText.Bytes(packet)}.",
            role == "target"
                ? "Inserting that row fails on the target (ERROR 1153 Got a packet bigger than 'max_allowed_packet')."
                : "Reading that row fails on the source (ERROR 1153 Got a packet bigger than 'max_allowed_packet'), so the copy cannot send it.",
            $"SET GLOBAL max_allowed_packet = {suggested}; on the {role} (Azure: server parameter max_allowed_packet = {suggested}; the maximum is 1073741824).");
    }
}
