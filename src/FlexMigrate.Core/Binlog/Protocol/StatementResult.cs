namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// What a COM_QUERY returned over all its results: rows of the first result set (column values as the server sent the
/// bytes, null for SQL NULL), rows affected, warnings, or the server's error.
/// </summary>
internal sealed record StatementResult(IReadOnlyList<byte[]?[]> Rows, ulong AffectedRows, int Warnings, ErrorPacket? Error);
