using FlexMigrate.Core.Accounts;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>Reads --users and --replace-users (migrate, users, validate), checking the items now rather than mid-migration.</summary>
internal static class UsersOption
{
    /// <summary>The options for a migration request; null for --users none (the default).</summary>
    public static UserMigrationOptions? Read(CommandArguments args, string? fallback = null)
    {
        var items = args.List("--users") is { Count: > 0 } given ? given : fallback is null ? [] : [fallback];
        var replace = args.Flag("--replace-users");
        AccountSelection selection;
        try
        {
            selection = AccountSelection.Parse(items);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (selection.IsNone)
        {
            return replace ? throw new UsageException("--replace-users needs --users (which accounts to replace).") : null;
        }

        return new UserMigrationOptions(items, replace);
    }
}
