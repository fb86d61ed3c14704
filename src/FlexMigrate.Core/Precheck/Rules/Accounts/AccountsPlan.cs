using FlexMigrate.Core.Accounts;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck.Rules.Accounts;

/// <summary>Reads the account plan the precheck judges (read-only: nothing is written to either server).</summary>
internal static class AccountsPlan
{
    public static async Task<(AccountPlan? Plan, string? Unreadable)> ReadAsync(PrecheckRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var selection = AccountSelection.For(request.Users, request.SourceConnectionString);
            var options = new AccountPlanOptions(selection, RefuseExisting: !request.ReplaceUsers, request.Databases);
            return (await new AccountMigrator(request.SourceConnectionString, request.TargetConnectionString).PlanAsync(options, cancellationToken), null);
        }
        catch (Exception ex) when (ex is UserActionRequiredException or MySqlException or FormatException)
        {
            return (null, ex.Message);
        }
    }
}
