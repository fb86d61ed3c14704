namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Something the user should know about the result (a rewritten definer, a converted engine, ...).</summary>
/// <param name="Severity">"info", "warning" or "error".</param>
/// <param name="Object">What it is about ("db.table", "db.view", "server").</param>
/// <param name="Message">What happened and, where useful, what to do.</param>
public sealed record MigrationNote(string Severity, string Object, string Message);
