using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// SHOW CREATE of many tables or stored objects with several statements per round trip. Each object's definition is
/// still its own SHOW CREATE (the form the server itself re-executes), but a schema of thousands of tables or hundreds
/// of triggers and events no longer waits for a round trip per object: on a busy server each waits its turn, and the cutover reads its triggers and
/// events while writes are stopped (issue 18). The server runs a multi-statement command up to its first error, so
/// the failing statement's place in the batch names the object that could not be read.
/// </summary>
internal static class ShowCreateBatch
{
    // Statements per round trip: a few kilobytes of SQL, results of at most a few hundred kilobytes of definitions.
    private const int PerRoundTrip = 100;

    /// <summary>One SHOW CREATE result row per object, in the order given.</summary>
    /// <param name="session">The session that reads (callers read with binary results: definitions arrive as stored).</param>
    /// <param name="objects">The SHOW CREATE kind (TABLE, VIEW, PROCEDURE, FUNCTION, TRIGGER, EVENT) and name of each object.</param>
    /// <param name="ct">Cancels the reading.</param>
    /// <exception cref="SchemaMigrationException">An object cannot be read (named, with the server's error).</exception>
    public static async Task<List<DbRow>> ReadAsync(ServerSession session, IReadOnlyList<(string Kind, ObjectName Name)> objects, CancellationToken ct)
    {
        var rows = new List<DbRow>(objects.Count);
        foreach (var batch in objects.Chunk(PerRoundTrip))
        {
            await ReadBatchAsync(session, batch, rows, ct);
        }

        return rows;
    }

    private static async Task ReadBatchAsync(ServerSession session, (string Kind, ObjectName Name)[] batch, List<DbRow> rows, CancellationToken ct)
    {
        var sql = string.Join(";\n", batch.Select(o => $"SHOW CREATE {o.Kind} {o.Name}"));
        var read = 0;
        try
        {
            await using var cmd = new MySqlCommand(sql, session.Connection) { CommandTimeout = 0 };
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            do
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new SchemaMigrationException(
                        $"The {session.Describe} returned nothing for SHOW CREATE {batch[read].Kind} {batch[read].Name}: it was dropped while "
                        + "being read, or the migration user cannot see it. Rerun; if it persists, grant the user access to it or exclude it.",
                        batch[read].Name.ToString(), null, null);
                }

                rows.Add(DbRow.From(reader));
                read++;
            }
            while (await reader.NextResultAsync(ct));
        }
        catch (MySqlException ex)
        {
            var (kind, name) = batch[Math.Min(read, batch.Length - 1)];
            throw new SchemaMigrationException(
                $"Cannot read {kind.ToLowerInvariant()} {name} on the {session.Describe}: {ex.Message} (error {ex.Number}). "
                + "Fix the object on the source (e.g. a view over a dropped table) or exclude it, then rerun.",
                name.ToString(), ex.Number, ex);
        }

        if (read != batch.Length)
        {
            throw new InvalidOperationException($"SHOW CREATE batch returned {read} results for {batch.Length} statements.");
        }
    }
}
