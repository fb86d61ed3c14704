using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.definer-missing: a view/routine/trigger/event runs as an account that does not exist on the target, so it
/// fails when used (ER_NO_SUCH_USER). compat.definer-needs-super: creating an object with another account as DEFINER
/// needs SUPER (5.7), SET_USER_ID (8.0) or SET_ANY_DEFINER (8.2+), which the Azure Flexible Server admin lacks.
/// compat.definer-unverified: the target's accounts (mysql.user) are not readable.
/// </summary>
internal sealed class DefinerRule : FactRule
{
    public const string MissingId = "compat.definer-missing";
    public const string SuperId = "compat.definer-needs-super";
    public const string UnverifiedId = "compat.definer-unverified";

    private static readonly string[] DefinerPrivileges = ["SUPER", "SET_USER_ID", "SET_ANY_DEFINER", "SET USER"];

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var target = context.TargetFacts;
        var objects = context.Schema.Objects.Where(o => o.Definer.Contains('@', StringComparison.Ordinal)).ToList();
        if (objects.Count == 0)
        {
            yield break;
        }

        if (target.Accounts is null)
        {
            yield return new PrecheckFinding(UnverifiedId, PrecheckSeverity.Warning, target.Label,
                $"{objects.Count} objects have definers, but {PrecheckText.Account(target.CurrentUser)} cannot read mysql.user on the target to check they exist.",
                "Objects whose definer does not exist fail when used.",
                $"GRANT SELECT ON mysql.user TO {PrecheckText.Account(target.CurrentUser)}; or check the definers listed by the source by hand.");
        }

        var mayUseOtherDefiners = target.Grants is null || DefinerPrivileges.Any(target.Grants.HasGlobal);
        foreach (var o in objects)
        {
            if (target.Accounts is not null && !AccountExists(target.Accounts, o.Definer))
            {
                yield return new PrecheckFinding(MissingId, PrecheckSeverity.Error, o.FullName,
                    $"The {o.KindName} {o.FullName} has DEFINER {PrecheckText.Account(o.Definer)}, an account that does not exist on the target.",
                    $"The {o.KindName} runs with its definer's rights; without the account it fails when used (ERROR 1449).",
                    $"On the target: CREATE USER {PrecheckText.Account(o.Definer)} IDENTIFIED BY '<password>'; and grant it what the {o.KindName} uses " +
                    $"(e.g. GRANT SELECT ON {SqlText.Identifier(o.Database)}.* TO {PrecheckText.Account(o.Definer)};), or change the definer on the source.");
            }

            if (!mayUseOtherDefiners && !SameAccount(o.Definer, target.CurrentUser))
            {
                yield return new PrecheckFinding(SuperId, PrecheckSeverity.Warning, o.FullName,
                    $"The {o.KindName} {o.FullName} has DEFINER {PrecheckText.Account(o.Definer)}, but the target user {PrecheckText.Account(target.CurrentUser)} " +
                    "has no SUPER / SET_USER_ID / SET_ANY_DEFINER.",
                    "Creating an object for another definer needs one of those privileges (ERROR 1227); Azure Flexible Server's admin has none of them.",
                    $"Recreate the {o.KindName} on the source with DEFINER=CURRENT_USER run as the migration user, or create it on the target as {PrecheckText.Account(o.Definer)}.");
            }
        }
    }

    /// <summary>User names compare exactly, host names case-insensitively (as the server does).</summary>
    private static bool AccountExists(IReadOnlySet<string> accounts, string definer) =>
        accounts.Contains(definer) || accounts.Any(a => SameAccount(a, definer));

    private static bool SameAccount(string a, string b)
    {
        var ia = a.LastIndexOf('@');
        var ib = b.LastIndexOf('@');
        return ia >= 0 && ib >= 0 && a[..ia] == b[..ib] && a[(ia + 1)..].Equals(b[(ib + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}
