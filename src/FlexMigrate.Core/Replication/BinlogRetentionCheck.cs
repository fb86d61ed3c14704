using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Before replication continues from a recorded position (a resumed online migration), checks that the source still
/// has the binlog file: a resume after a long stop may find it purged by binlog_expire_logs_seconds, and the dump
/// protocol would only say error 1236. The message names the file, what the source keeps, and the choice left.
/// </summary>
public static class BinlogRetentionCheck
{
    public static async Task EnsureAvailableAsync(string sourceConnectionString, string file, string migrationId,
        IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var kept = await ListAsync(sourceConnectionString, cancellationToken).ConfigureAwait(false);
        if (kept.Contains(file, StringComparer.Ordinal))
        {
            return;
        }

        var server = new MySqlConnectionStringBuilder(sourceConnectionString);
        throw new ReplicationGapException(
            $"The source {server.Server}:{server.Port} no longer has binlog file {file}, where migration {migrationId} must continue replicating "
            + $"(it keeps {(kept.Count == 0 ? "no binlog file" : $"{kept[0]} to {kept[^1]}")}): the changes made since cannot be replayed. "
            + $"The choice left is to copy the affected databases ({string.Join(", ", databases)}) again: "
            + $"flexmigrate migrate --mode online --databases {string.Join(",", databases)} --drop-existing. "
            + "Raise binlog retention first (binlog_expire_logs_seconds; on Azure keep at least 2 days) so it does not happen again.");
    }

    private static async Task<List<string>> ListAsync(string sourceConnectionString, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await using var source = new MySqlConnection(sourceConnectionString);
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SHOW BINARY LOGS", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files.Add(reader.GetString(0));
        }

        return files;
    }
}
