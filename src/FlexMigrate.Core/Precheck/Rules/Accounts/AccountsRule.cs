using FlexMigrate.Core.Accounts;

namespace FlexMigrate.Core.Precheck.Rules.Accounts;

/// <summary>
/// accounts.*: what migrating the --users selection means (docs/users.md): each translation (info), each difference
/// from the source (warning: a privilege the target does not grant, a login method it lacks beside one it has) and
/// each account that cannot be migrated as it is (error: no supported login method, already on the target without
/// --replace-users, the target's own login). accounts.available names the accounts holding privileges on the
/// migrated databases that the selection leaves out, with the --users value that brings them.
/// </summary>
internal sealed class AccountsRule : FactRule
{
    private const string Why = "Applications log in to the target with these accounts after the cutover.";

    public override PrecheckGroup Group => PrecheckGroup.Accounts;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var selection = AccountSelection.For(context.Request.Users, context.Request.SourceConnectionString);
        if (context.Accounts is not { } plan)
        {
            yield return new PrecheckFinding("accounts.unreadable", selection.IsNone ? PrecheckSeverity.Warning : PrecheckSeverity.Error, "accounts",
                $"The accounts could not be read: {context.AccountsUnreadable}",
                selection.IsNone ? "The precheck cannot say which accounts use the migrated databases." : "Users, roles and grants cannot be migrated without reading them.",
                "GRANT SELECT ON mysql.* TO the migration login on both servers.");
            yield break;
        }

        foreach (var note in plan.AllNotes)
        {
            yield return new PrecheckFinding("accounts." + note.Code, Severity(note.Severity), note.Account, note.Message, Why,
                note.Remedy.Length > 0 ? note.Remedy : "Nothing to do; listed in the migration report.");
        }

        if (plan.Unselected.Count > 0)
        {
            var names = plan.Unselected.Select(Item).ToList();
            var databases = string.Join(", ", context.Request.Databases);
            yield return new PrecheckFinding("accounts.available", selection.IsNone ? PrecheckSeverity.Warning : PrecheckSeverity.Info, "accounts",
                $"{names.Count} account(s) hold privileges on {databases} and are not selected: {string.Join(", ", plan.Unselected.Take(20))}{(names.Count > 20 ? ", ..." : "")}.",
                "Applications using them cannot log in to the target until the accounts exist there.",
                $"Add --users {string.Join(",", selection.IsNone ? names : selection.Items.Concat(names))} (or --users all) to migrate them.");
        }
    }

    private static PrecheckSeverity Severity(AccountNoteSeverity severity) => severity switch
    {
        AccountNoteSeverity.Error => PrecheckSeverity.Error,
        AccountNoteSeverity.Warning => PrecheckSeverity.Warning,
        _ => PrecheckSeverity.Info,
    };

    // The --users item for an account: name@host, quoted when the name has an @ (MariaDB roles: the name alone).
    private static string Item(AccountName name)
    {
        var user = name.User.Contains('@', StringComparison.Ordinal) ? $"'{name.User}'" : name.User;
        return name.Host.Length == 0 ? user : $"{user}@{name.Host}";
    }
}
