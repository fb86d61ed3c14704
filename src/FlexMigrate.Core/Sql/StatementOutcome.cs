namespace FlexMigrate.Core.Sql;

/// <summary>What running one statement through <see cref="RawSqlSession"/> gave and what it could not reproduce.</summary>
/// <param name="Rows">Rows of its first result set, values as the server sent the bytes (null: SQL NULL).</param>
/// <param name="AffectedRows">Rows changed.</param>
/// <param name="Warnings">"Level Code: Message" of each warning or note the server raised for the statement.</param>
/// <param name="SqlMode">The sql_mode it ran under, and flags of the wanted one the target does not know.</param>
/// <param name="SkippedSettings">Session settings the target refused ("variable = value: error"); the statement ran with the target's own value.</param>
public sealed record StatementOutcome(
    IReadOnlyList<byte[]?[]> Rows, ulong AffectedRows, IReadOnlyList<string> Warnings, SqlModeFit SqlMode, IReadOnlyList<string> SkippedSettings)
{
    /// <summary>
    /// What the report should say about it, each remark continuing a sentence such as "Created" or "Run": flags
    /// dropped (<see cref="SqlModeFlags.Dropped"/>), settings refused, what the server said. <c>Warning</c> when
    /// behaviour may differ or the server warned; server notes are not warnings.
    /// </summary>
    /// <param name="ignoreWarning">Server warnings the caller reports another way.</param>
    public IEnumerable<(bool Warning, string Text)> Remarks(Func<string, bool>? ignoreWarning = null)
    {
        foreach (var flag in SqlMode.Dropped)
        {
            yield return SqlModeFlags.Dropped(flag);
        }

        foreach (var skipped in SkippedSettings)
        {
            yield return (true, $"with the target's own value of a session setting it refused ({skipped}).");
        }

        foreach (var warning in Warnings.Where(w => ignoreWarning?.Invoke(w) != true))
        {
            yield return (!warning.StartsWith("Note ", StringComparison.Ordinal), $"and the target said: {warning}");
        }
    }
}
