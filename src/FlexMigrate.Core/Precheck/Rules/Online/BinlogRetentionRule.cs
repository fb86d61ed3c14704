namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>
/// online.binlog-retention: the binlog written since the copy started must still exist when replication starts,
/// so retention must exceed the copy time. Error below copy + 1 h (purge is likely before the catch-up); warning
/// below 2 x copy + 24 h (a retry, an index build or a weekend cutover would not fit).
/// </summary>
internal sealed class BinlogRetentionRule : BinlogSettingRule
{
    public const string Id = "online.binlog-retention";

    protected override IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source)
    {
        var retention = RetentionSeconds(source, out var setting);
        var copy = context.Capacity.EstimatedCopySeconds;
        var minimum = copy + 3600;
        var recommended = (2 * copy) + 86400;
        var estimate = $"the copy is estimated at {PrecheckText.Duration(copy)} ({PrecheckText.Number(context.Capacity.TotalRows)} rows, " +
                       $"{PrecheckText.Bytes(context.Capacity.TotalBytes)} at {PrecheckText.Number((long)context.Capacity.CopyRate.RowsPerSecond)} rows/s " +
                       $"or {PrecheckText.Bytes((long)context.Capacity.CopyRate.BytesPerSecond)}/s)";
        if (retention is null)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Info, source.Label,
                $"Binlogs are not purged by age ({setting}); {estimate}.",
                "Nothing expires the binlog the migration needs; only disk space limits it.", "None needed.");
            yield break;
        }

        var severity = retention < minimum ? PrecheckSeverity.Error : retention < recommended ? PrecheckSeverity.Warning : PrecheckSeverity.Info;
        var seconds = (long)Math.Ceiling(recommended);
        yield return new PrecheckFinding(Id, severity, source.Label,
            $"Binlogs are kept {PrecheckText.Duration(retention.Value)} ({setting}); {estimate}.",
            "Replication starts from the position taken when the copy began; if the server purges those binlogs first, the online migration must start over.",
            severity == PrecheckSeverity.Info
                ? "None needed."
                : $"SET GLOBAL binlog_expire_logs_seconds = {seconds}; (MySQL 8, MariaDB 10.6+; older: SET GLOBAL expire_logs_days = {Math.Ceiling(seconds / 86400.0)};) " +
                  "Azure: server parameter binlog_expire_logs_seconds. Keep it until cutover.");
    }

    /// <summary>
    /// binlog_expire_logs_seconds wins when non-zero (MySQL 8.0, MariaDB 10.6+ where the two are linked), else
    /// expire_logs_days; null when neither expires anything.
    /// </summary>
    internal static double? RetentionSeconds(ServerFacts source, out string setting)
    {
        var seconds = source.NumericVariable("binlog_expire_logs_seconds");
        if (seconds > 0)
        {
            setting = $"binlog_expire_logs_seconds={seconds}";
            return seconds;
        }

        var days = source.NumericVariable("expire_logs_days");
        setting = $"expire_logs_days={days?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"}";
        return days > 0 ? days * 86400 : null;
    }
}
