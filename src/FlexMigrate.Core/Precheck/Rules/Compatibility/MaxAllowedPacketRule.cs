namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.max-allowed-packet: a row must fit in one packet to be inserted, so the target's max_allowed_packet must
/// exceed the largest row on the source. Only BLOB/TEXT/JSON/spatial columns can exceed the 64 KiB in-row limit,
/// so only tables with such columns are scanned (MAX of their summed lengths), plus 64 KiB for the rest of the row.
/// </summary>
internal sealed class MaxAllowedPacketRule : IPrecheckRule
{
    public const string Id = "compat.max-allowed-packet";

    /// <summary>Upper bound of the non-LOB part of a row (MySQL's 65,535-byte row size limit).</summary>
    private const long RestOfRow = 65_535;

    private static readonly HashSet<string> LobTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "blob", "mediumblob", "longblob", "text", "mediumtext", "longtext", "json", "geometry", "point", "linestring",
        "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection",
    };

    public PrecheckGroup Group => PrecheckGroup.Compatibility;

    public PrecheckNeeds Needs => PrecheckNeeds.Both;

    public async Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var packet = context.TargetFacts.NumericVariable("max_allowed_packet");
        if (!context.Request.ScanData || packet is null)
        {
            return [];
        }

        var findings = new List<PrecheckFinding>();
        foreach (var table in context.Tables)
        {
            var lobs = table.Columns.Where(c => LobTypes.Contains(c.DataType)).ToList();
            if (lobs.Count == 0)
            {
                continue;
            }

            var largest = await context.Data.MaxBytesAsync(table, lobs, cancellationToken) + RestOfRow;
            if (largest > packet)
            {
                var suggested = 1L << (int)Math.Ceiling(Math.Log2(largest * 2.0));
                findings.Add(new PrecheckFinding(Id, PrecheckSeverity.Error, table.FullName,
                    $"The largest row of {table.FullName} needs up to {PrecheckText.Bytes(largest)} " +
                    $"(BLOB/TEXT/JSON columns plus the 64 KiB in-row limit); the target's max_allowed_packet is {PrecheckText.Bytes((long)packet.Value)}.",
                    "Inserting that row fails on the target (ERROR 1153 Got a packet bigger than 'max_allowed_packet').",
                    $"SET GLOBAL max_allowed_packet = {suggested}; on the target (Azure: server parameter max_allowed_packet = {suggested}; the maximum is 1073741824)."));
            }
        }

        return findings;
    }
}
