using System.Globalization;
namespace FlexMigrate.Core.Validation;

/// <summary>The human-readable summary of a <see cref="ValidationReport"/>: one line per table, then the first differing keys and schema objects.</summary>
public static class ValidationReportPrinter
{
    public static async Task PrintAsync(ValidationReport report, TextWriter output, int keysShown)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"{"table",-40} {"status",-10} {"rows",14} {"missing",9} {"extra",9} {"changed",9}");
        foreach (var t in report.Tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{t.Database + "." + t.Table,-40} {Status(t.Status),-10} {t.RowsCompared,14:N0} {t.Missing.Total,9:N0} {t.Extra.Total,9:N0} {t.Changed.Total,9:N0}"));
        }

        foreach (var t in report.Tables.Where(t => t.Status != TableStatus.Equal))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{t.Database}.{t.Table}:");
            if (t.Message is not null)
            {
                await output.WriteLineAsync($"  {t.Message}");
            }

            await PrintKeysAsync(output, "missing on target", t.Missing.Total, t.Missing.Keys, keysShown);
            await PrintKeysAsync(output, "extra on target", t.Extra.Total, t.Extra.Keys, keysShown);
            await PrintKeysAsync(output, "changed", t.Changed.Total, t.Changed.Rows.Select(r => $"{r.Key} [{string.Join(", ", r.Columns)}]").ToList(), keysShown);
        }

        if (!report.Schema.IsEqual)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"schema differences ({report.Schema.Differences.Count}):");
            foreach (var d in report.Schema.Differences)
            {
                var kind = d.Kind switch
                {
                    SchemaDifferenceKind.Missing => "missing on target",
                    SchemaDifferenceKind.Extra => "extra on target",
                    _ => "changed",
                };
                await output.WriteLineAsync($"  {d.ObjectType} {d.Name}: {kind}{(d.Attribute is null ? "" : " " + d.Attribute)}");
                if (d.Kind == SchemaDifferenceKind.Changed)
                {
                    await output.WriteLineAsync($"    source: {OneLine(d.Source)}");
                    await output.WriteLineAsync($"    target: {OneLine(d.Target)}");
                }
            }
        }

        foreach (var note in report.Schema.Notes ?? [])
        {
            await output.WriteLineAsync($"  note: {note}");
        }

        if (report.Accounts is { Equal: false } accounts)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"account differences ({accounts.Differences.Count}):");
            foreach (var d in accounts.Differences)
            {
                await output.WriteLineAsync($"  {d.Account} {d.Kind}: {d.Detail}");
            }
        }

        await output.WriteLineAsync();
        var rate = report.Seconds > 0 ? report.RowsCompared / report.Seconds : 0;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(report.Equal ? "EQUAL" : "DIFFERENT")}: {report.Tables.Count} tables, {report.RowsCompared:N0} rows in {report.Seconds:F1} s ({rate:N0} rows/s), {report.Schema.ObjectsCompared} schema objects, {report.Schema.Differences.Count} schema differences{AccountsSummary(report)}."));
    }

    private static string AccountsSummary(ValidationReport report) =>
        report.Accounts is { } a ? string.Create(CultureInfo.InvariantCulture, $", {a.Compared} accounts, {a.Differences.Count} account differences") : "";

    /// <summary>equal, DIFFERENT or ERROR: capitals where the eye must stop.</summary>
    public static string Status(TableStatus status) => status switch
    {
        TableStatus.Equal => "equal",
        TableStatus.Different => "DIFFERENT",
        _ => "ERROR",
    };

    private static async Task PrintKeysAsync(TextWriter output, string label, long total, IReadOnlyList<string> keys, int keysShown)
    {
        if (total == 0)
        {
            return;
        }

        var more = total > Math.Min(keysShown, keys.Count) ? ", ..." : string.Empty;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: {total:N0}: {string.Join("; ", keys.Take(keysShown))}{more}"));
    }

    private static string OneLine(string? text)
    {
        var flat = string.Join(" ", (text ?? string.Empty).Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 200 ? flat[..200] + "..." : flat;
    }
}
