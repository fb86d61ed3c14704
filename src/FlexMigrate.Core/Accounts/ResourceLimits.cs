namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Per-account resource limits (0 = unlimited): the WITH MAX_* options of CREATE USER, and MariaDB's
/// MAX_STATEMENT_TIME in seconds (https://mariadb.com/kb/en/create-user/#resource-limit-options).
/// </summary>
public sealed record ResourceLimits(
    long MaxQueriesPerHour = 0,
    long MaxUpdatesPerHour = 0,
    long MaxConnectionsPerHour = 0,
    long MaxUserConnections = 0,
    double MaxStatementTime = 0)
{
    public static ResourceLimits None { get; } = new();
}
