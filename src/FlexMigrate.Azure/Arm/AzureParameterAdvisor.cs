using System.Globalization;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Compares a source and a target as Resource Manager describes them and says which Azure setting to change before a
/// migration: versions, states, replication role, binary logging and its retention on the source (online migrations),
/// and parameters whose difference changes results (lower_case_table_names, time_zone, sql_mode, max_allowed_packet).
/// Pure: no I/O, so it can run anywhere, including an orchestrator.
/// </summary>
public static class AzureParameterAdvisor
{
    /// <summary>Findings, errors first.</summary>
    /// <param name="online">True for an online migration (reads the source's binlog), which needs binary logging kept long enough.</param>
    /// <param name="minimumBinlogRetention">How long the source must keep binlogs: at least the expected full-load time plus a margin.</param>
    public static IReadOnlyList<AzureFinding> Check(AzureServerInfo source, AzureServerInfo target, bool online, TimeSpan minimumBinlogRetention)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var findings = new List<AzureFinding>();
        CheckServers(source, target, findings);
        if (online)
        {
            CheckBinlog(source, minimumBinlogRetention, findings);
        }

        CheckParameters(source, target, findings);
        return [.. findings.OrderByDescending(f => f.Severity)];
    }

    private static void CheckServers(AzureServerInfo source, AzureServerInfo target, List<AzureFinding> findings)
    {
        foreach (var server in new[] { source, target })
        {
            if (!server.State.Equals("Ready", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new(AzureFindingSeverity.Error, server.Name, "state",
                    $"Server {server.Name} is {server.State}, not Ready: start it (portal: Overview, Start) and wait until it is Ready."));
            }
        }

        if (target.ReplicationRole.Equals("Replica", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new(AzureFindingSeverity.Error, target.Name, "replicationRole",
                $"Target {target.Name} is a read replica and cannot be written: stop replication on it (portal: Replication, Promote) or pick another target."));
        }

        if (MajorMinor(target.Version) < MajorMinor(source.Version))
        {
            findings.Add(new(AzureFindingSeverity.Error, target.Name, "version",
                $"Target {target.Name} runs MySQL {target.Version}, older than the source's {source.Version}: a migration to an older version " +
                $"is not supported. Create the target with version {MajorMinorText(source.Version)} or later."));
        }
    }

    private static void CheckBinlog(AzureServerInfo source, TimeSpan minimumRetention, List<AzureFinding> findings)
    {
        if (source.Parameter("log_bin") is { } logBin && !IsOn(logBin))
        {
            findings.Add(new(AzureFindingSeverity.Error, source.Name, "log_bin",
                $"Binary logging is OFF on source {source.Name}, so an online migration cannot follow its changes. Single Server logs binlogs " +
                "on the General Purpose and Memory Optimized tiers (not Basic): scale the source's tier, or run an offline migration."));
        }

        if (source.Parameter("binlog_format") is { } format && !format.Equals("ROW", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new(AzureFindingSeverity.Error, source.Name, "binlog_format",
                $"binlog_format is {format} on source {source.Name}; an online migration reads row events: set binlog_format to ROW " +
                $"(az mysql server configuration set -g <rg> -s {source.Name} -n binlog_format --value ROW)."));
        }

        // binlog_expire_logs_seconds = 0 on Single Server means binlogs are purged as soon as the service no longer needs them,
        // which can be before FlexMigrate reads them after a long full load.
        var seconds = (long)minimumRetention.TotalSeconds;
        if (source.Parameter("binlog_expire_logs_seconds") is { } expire
            && long.TryParse(expire, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retention) && retention < seconds)
        {
            findings.Add(new(AzureFindingSeverity.Error, source.Name, "binlog_expire_logs_seconds",
                $"Source {source.Name} keeps binlogs for {retention} s (binlog_expire_logs_seconds; 0 purges them early), less than the " +
                $"{seconds} s the online migration needs to get from the start of the full load to replication. Set it " +
                $"(az mysql server configuration set -g <rg> -s {source.Name} -n binlog_expire_logs_seconds --value {seconds}) and reset it after cutover."));
        }
    }

    private static void CheckParameters(AzureServerInfo source, AzureServerInfo target, List<AzureFinding> findings)
    {
        var parameterSet = target.Kind == AzureServerKind.FlexibleServer ? "az mysql flexible-server parameter set" : "az mysql server configuration set";
        var fix = $"({parameterSet} -g <rg> -s {target.Name} -n {{0}} --value '{{1}}')";
        if (Differ(source, target, "lower_case_table_names") is (var lowerSource, var lowerTarget))
        {
            findings.Add(new(AzureFindingSeverity.Error, target.Name, "lower_case_table_names",
                $"lower_case_table_names is {lowerSource} on the source and {lowerTarget} on the target, so table names would not match. " +
                "On MySQL 8.0 it can only be chosen when the server is created: create the target with the source's value."));
        }

        if (Differ(source, target, "time_zone") is (var zoneSource, var zoneTarget) && !(IsUtc(zoneSource) && IsUtc(zoneTarget)))
        {
            findings.Add(new(AzureFindingSeverity.Warning, target.Name, "time_zone",
                $"time_zone is '{zoneSource}' on the source and '{zoneTarget}' on the target: NOW(), CURRENT_TIMESTAMP defaults and TIMESTAMP " +
                $"values shown to sessions would differ. Set the target's time_zone to '{zoneSource}' " + string.Format(CultureInfo.InvariantCulture, fix, "time_zone", zoneSource) + "."));
        }

        CheckSqlMode(source, target, fix, findings);
        if (Number(source, "max_allowed_packet") is { } sourcePacket && Number(target, "max_allowed_packet") is { } targetPacket && targetPacket < sourcePacket)
        {
            findings.Add(new(AzureFindingSeverity.Warning, target.Name, "max_allowed_packet",
                $"max_allowed_packet is {targetPacket} on the target but {sourcePacket} on the source: rows or statements the source accepts could be " +
                "refused by the target. Raise it " + string.Format(CultureInfo.InvariantCulture, fix, "max_allowed_packet", sourcePacket) + "."));
        }
    }

    private static void CheckSqlMode(AzureServerInfo source, AzureServerInfo target, string fix, List<AzureFinding> findings)
    {
        if (Differ(source, target, "sql_mode") is not (var modeSource, var modeTarget))
        {
            return;
        }

        var extra = Modes(modeTarget).Except(Modes(modeSource), StringComparer.OrdinalIgnoreCase).ToList();
        var severity = extra.Count > 0 ? AzureFindingSeverity.Warning : AzureFindingSeverity.Info;
        var why = extra.Count > 0
            ? $"the target also enforces {string.Join(", ", extra)}, so writes the source accepts may be rejected"
            : "the target is more lenient than the source";
        findings.Add(new(severity, target.Name, "sql_mode",
            $"sql_mode is '{modeSource}' on the source and '{modeTarget}' on the target: {why}. To match, set the target's sql_mode " +
            string.Format(CultureInfo.InvariantCulture, fix, "sql_mode", modeSource) + "."));
    }

    private static (string Source, string Target)? Differ(AzureServerInfo source, AzureServerInfo target, string name) =>
        source.Parameter(name) is { } a && target.Parameter(name) is { } b && !a.Equals(b, StringComparison.OrdinalIgnoreCase) ? (a, b) : null;

    private static IEnumerable<string> Modes(string sqlMode) =>
        sqlMode.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static long? Number(AzureServerInfo server, string name) =>
        long.TryParse(server.Parameter(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool IsOn(string value) => value.Equals("ON", StringComparison.OrdinalIgnoreCase) || value == "1";

    // Azure runs its MySQL servers with the system time zone UTC, so SYSTEM means +00:00 there.
    private static bool IsUtc(string zone) => zone.ToUpperInvariant() is "SYSTEM" or "+00:00" or "UTC";

    private static Version MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor)
            : new Version(0, 0);
    }

    private static string MajorMinorText(string version) => MajorMinor(version).ToString(2);
}
