namespace FlexMigrate.Azure.Arm;

/// <summary>How much an <see cref="AzureFinding"/> matters.</summary>
public enum AzureFindingSeverity
{
    /// <summary>Worth knowing; the migration is not affected.</summary>
    Info,

    /// <summary>The migration works but results may differ or it may be slow; fix before starting when possible.</summary>
    Warning,

    /// <summary>The migration cannot succeed until this is fixed.</summary>
    Error,
}

/// <summary>
/// A precheck finding from the servers' Azure settings, naming the server, the Azure parameter (or setting) and what to
/// change where. The precheck merges these with its findings from the servers themselves.
/// </summary>
/// <param name="Server">Server name as in Azure.</param>
/// <param name="Setting">Azure server parameter name (e.g. binlog_expire_logs_seconds) or "version", "state", "replicationRole".</param>
/// <param name="Message">What is wrong, why it matters, and the fix (portal page or az command).</param>
public sealed record AzureFinding(AzureFindingSeverity Severity, string Server, string Setting, string Message);
