using System.Globalization;
using System.Text;

namespace FlexMigrate.Core.Precheck;

/// <summary>The human-readable report: findings grouped by severity (errors first), each with why and fix.</summary>
public static class PrecheckReportFormatter
{
    public static string Format(PrecheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var mode = report.Mode.ToString().ToLowerInvariant();
        sb.Append(CultureInfo.InvariantCulture,
            $"Precheck ({mode}): source {report.SourceVersion ?? "unreachable"}, target {report.TargetVersion ?? "unreachable"}: ");
        sb.Append(CultureInfo.InvariantCulture,
            $"{report.Count(PrecheckSeverity.Error)} errors, {report.Count(PrecheckSeverity.Warning)} warnings, {report.Count(PrecheckSeverity.Info)} info ({report.DurationSeconds:0.##} s)\n");
        Section(sb, report, PrecheckSeverity.Error, "ERRORS (block the migration)");
        Section(sb, report, PrecheckSeverity.Warning, "WARNINGS");
        Section(sb, report, PrecheckSeverity.Info, "INFO");
        var c = report.Capacity;
        sb.Append(CultureInfo.InvariantCulture,
            $"\nCapacity: {PrecheckText.Number(c.TotalTables)} tables, ~{PrecheckText.Number(c.TotalRows)} rows, {PrecheckText.Bytes(c.TotalBytes)}; " +
            $"estimated copy {PrecheckText.Duration(c.EstimatedCopySeconds)}\n");
        foreach (var db in c.Databases)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"  {db.Database}: {PrecheckText.Number(db.Tables)} tables, ~{PrecheckText.Number(db.Rows)} rows, {PrecheckText.Bytes(db.Bytes)}\n");
        }

        sb.Append(report.HasErrors
            ? $"\nResult: BLOCKED by {report.Count(PrecheckSeverity.Error)} errors. Fix them and run the precheck again.\n"
            : "\nResult: OK, nothing blocks the migration.\n");
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, PrecheckReport report, PrecheckSeverity severity, string title)
    {
        var findings = report.Findings.Where(f => f.Severity == severity).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        sb.Append('\n').Append(title).Append('\n');
        foreach (var f in findings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  [{f.Rule}] {f.Object}\n      {f.Message}\n");
            if (severity != PrecheckSeverity.Info)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      Why: {f.Why}\n      Fix: {f.Remedy}\n");
            }
        }
    }
}
