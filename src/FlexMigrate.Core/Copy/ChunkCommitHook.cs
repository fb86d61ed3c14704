using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Runs inside a chunk's target transaction after its rows loaded and before the commit, so whatever it writes
/// (the progress ledger's completion of the chunk) commits with the rows or not at all.
/// </summary>
/// <param name="target">The target session that loaded the rows.</param>
/// <param name="transaction">The chunk's transaction.</param>
/// <param name="rows">Rows loaded.</param>
/// <param name="bytes">Bytes read from the source.</param>
/// <param name="cancellationToken">Cancels the write (the chunk then rolls back).</param>
public delegate Task ChunkCommitHook(MySqlConnection target, MySqlTransaction transaction, long rows, long bytes, CancellationToken cancellationToken);
