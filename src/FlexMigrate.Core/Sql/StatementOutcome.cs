namespace FlexMigrate.Core.Sql;

/// <summary>What running one statement through <see cref="RawSqlSession"/> gave and what it could not reproduce.</summary>
/// <param name="Rows">Rows of its first result set, values as the server sent the bytes (null: SQL NULL).</param>
/// <param name="AffectedRows">Rows changed.</param>
/// <param name="Warnings">"Level Code: Message" of each warning or note the server raised for the statement.</param>
/// <param name="SqlMode">The sql_mode it ran under, and flags of the wanted one the target does not know.</param>
/// <param name="SkippedSettings">Session settings the target refused ("variable = value: error"); the statement ran with the target's own value.</param>
public sealed record StatementOutcome(
    IReadOnlyList<byte[]?[]> Rows, ulong AffectedRows, IReadOnlyList<string> Warnings, SqlModeFit SqlMode, IReadOnlyList<string> SkippedSettings);
