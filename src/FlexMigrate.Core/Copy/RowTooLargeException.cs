namespace FlexMigrate.Core.Copy;

/// <summary>
/// A source row is larger than the target's max_allowed_packet, so the target could never receive it (nor
/// replicate it later). The message names the table, the row's key and the size needed.
/// </summary>
public sealed class RowTooLargeException : CopyException
{
    public RowTooLargeException()
    {
    }

    public RowTooLargeException(string message)
        : base(message)
    {
    }

    public RowTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RowTooLargeException(string table, string key, long rowBytes, long maxAllowedPacket)
        : base($"Row {key} of table {table} is {rowBytes} bytes, more than the target's max_allowed_packet " +
               $"({maxAllowedPacket} bytes). Raise max_allowed_packet on the target (server parameter, up to 1 GB) " +
               "to at least the row size and run the migration again.")
    {
        Table = table;
        Key = key;
        RowBytes = rowBytes;
        MaxAllowedPacket = maxAllowedPacket;
    }

    public string? Table { get; }

    public string? Key { get; }

    public long RowBytes { get; }

    public long MaxAllowedPacket { get; }
}
