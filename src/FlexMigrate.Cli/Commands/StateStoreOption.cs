using FlexMigrate.Cli.Hosting;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// <c>--state-store &lt;Azure Storage connection string&gt;</c> (or FLEXMIGRATE_STATE_STORE): keep the orchestration's
/// durable history in Azure Storage instead of this process's memory, so a killed run continues as the same
/// instance with <c>flexmigrate resume &lt;id&gt; --state-store ...</c>.
/// </summary>
internal static class StateStoreOption
{
    public const string Name = "--state-store";
    public const string EnvironmentVariable = "FLEXMIGRATE_STATE_STORE";

    public const string Help = """
          --state-store <conn>   Keep the durable history in Azure Storage (connection string, or env
                                 FLEXMIGRATE_STATE_STORE; UseDevelopmentStorage=true for a local Azurite) so a killed
                                 run continues as the same instance with `flexmigrate resume <id> --state-store ...`.
                                 Default: in memory (resume then rebuilds the run from the target's ledger).
        """;

    /// <summary>The connection string, or null for the in-memory default.</summary>
    public static string? Read(CommandArguments args)
    {
        var value = args.Option(Name) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return StateStore.Validate(value, Name);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The line every run prints on stderr as it starts: the id resume needs, and where the state is.</summary>
    public static string StartedLine(string migrationId, string? stateStore) => stateStore is null
        ? $"Migration {migrationId} started. If this process stops, continue with: flexmigrate resume {migrationId}"
        : $"Migration {migrationId} started; durable state in {StateStore.ForMigration(stateStore, migrationId).Describe()}. If this process stops, continue with: flexmigrate resume {migrationId} --state-store ...";
}
