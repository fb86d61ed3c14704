using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Privileges;

/// <summary>Shared wording of privilege findings.</summary>
internal static class PrivilegeFindings
{
    public const string UnreadableId = "privileges.unreadable";

    public static PrecheckFinding Unreadable(ServerFacts server) =>
        new(UnreadableId, PrecheckSeverity.Warning, server.Label,
            $"The grants of {PrecheckText.Account(server.CurrentUser)} could not be read or parsed (SHOW GRANTS).",
            "Missing privileges cannot be predicted; the migration may stop on the first statement it is not allowed to run.",
            $"Run SHOW GRANTS as {PrecheckText.Account(server.CurrentUser)} and compare with docs/precheck.md (privileges).");

    public static PrecheckFinding Missing(string rule, ServerFacts server, string database, IReadOnlyList<string> missing, string purpose) =>
        new(rule, PrecheckSeverity.Error, database,
            $"On the {server.Role}, {PrecheckText.Account(server.CurrentUser)} lacks {string.Join(", ", missing)} on {SqlText.Identifier(database)}.",
            purpose,
            $"On the {server.Role}: GRANT {string.Join(", ", missing)} ON {SqlText.Identifier(database)}.* TO {PrecheckText.Account(server.CurrentUser)};");
}
