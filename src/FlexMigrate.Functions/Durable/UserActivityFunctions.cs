using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace FlexMigrate.Functions.Durable;

/// <summary>Functions wrappers of the account activities (users, roles and grants; docs/users.md).</summary>
public static class UserActivityFunctions
{
    [Function(nameof(MigrateUsersActivity))]
    public static Task<IReadOnlyList<MigrationNote>> MigrateUsers([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<MigrateUsersActivity>(context).RunAsync(new FunctionActivityContext(nameof(MigrateUsersActivity), instanceId), input);

    [Function(nameof(ValidateUsersActivity))]
    public static Task<AccountComparison> ValidateUsers([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<ValidateUsersActivity>(context).RunAsync(new FunctionActivityContext(nameof(ValidateUsersActivity), instanceId), input);
}
