using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Glue shared by the account activities: the engine's selection and notes for a request.</summary>
internal static class UserSteps
{
    public static AccountSelection Selection(MigrationRequest request, string sourceConnectionString) =>
        AccountSelection.For(request.Users?.Select ?? [], sourceConnectionString);

    /// <summary>Account notes as report notes (never a hash: notes name accounts, plugins and privileges only).</summary>
    public static IEnumerable<MigrationNote> Notes(IEnumerable<AccountNote> notes) =>
        notes.Select(n => new MigrationNote(
            n.Severity switch { AccountNoteSeverity.Info => NoteSeverity.Info, AccountNoteSeverity.Warning => NoteSeverity.Warning, _ => NoteSeverity.Error }, "account " + n.Account, n.Remedy.Length > 0 ? $"{n.Message} {n.Remedy}" : n.Message));
}
