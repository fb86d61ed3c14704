using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.time-zone-tables: the target's mysql.time_zone* tables are empty (the default on Azure and on fresh
/// installs) while objects use named zones. An event whose TIME_ZONE is a name cannot be created (ERROR 1298 Unknown
/// or incorrect time zone): error. CONVERT_TZ with a named zone in a view/routine/trigger/event returns NULL: warning.
/// </summary>
internal sealed partial class TimeZoneTablesRule : FactRule
{
    public const string Id = "compat.time-zone-tables";

    private const string Remedy = "Load the time zone tables on the target: Azure: CALL mysql.az_load_timezone(); self-managed: " +
                                  "mysql_tzinfo_to_sql /usr/share/zoneinfo | mysql -u root mysql (MariaDB: mariadb-tzinfo-to-sql).";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (context.TargetFacts.TimeZoneNames is not 0)
        {
            yield break;
        }

        foreach (var o in context.Schema.Objects)
        {
            if (o.TimeZone is { } zone && IsNamed(zone))
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Error, o.FullName,
                    $"The event {o.FullName} runs in time zone '{zone}', and the target has no time zone tables loaded.",
                    "Creating the event fails on the target (ERROR 1298 Unknown or incorrect time zone).", Remedy);
            }
            else if (o.Body is { } body && NamedConvertTz().Match(body) is { Success: true } m)
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, o.FullName,
                    $"The {o.KindName} {o.FullName} calls CONVERT_TZ with the named zone '{m.Groups[1].Value}', and the target has no time zone tables loaded.",
                    "CONVERT_TZ returns NULL for unknown zones, so the object silently computes NULL on the target.", Remedy);
            }
        }
    }

    /// <summary>'SYSTEM' and offsets like '+02:00' work without the tables; names like 'Europe/Berlin' or 'UTC' do not.</summary>
    internal static bool IsNamed(string zone) =>
        !zone.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase) && !OffsetZone().IsMatch(zone);

    [GeneratedRegex(@"^[+-]\d{1,2}:\d{2}$")]
    private static partial Regex OffsetZone();

    [GeneratedRegex(@"CONVERT_TZ\s*\([^;]*?'([A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*)'", RegexOptions.IgnoreCase)]
    private static partial Regex NamedConvertTz();
}
