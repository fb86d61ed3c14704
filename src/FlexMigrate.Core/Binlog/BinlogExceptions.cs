namespace FlexMigrate.Core.Binlog;

/// <summary>Base of every failure raised by the binlog client; the message names the server and what to do.</summary>
public class BinlogException : Exception
{
    public BinlogException(string message) : base(message) { }

    public BinlogException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>An ERR packet from the server that has no more specific meaning below.</summary>
public class BinlogServerException : BinlogException
{
    public BinlogServerException(string server, int errorCode, string sqlState, string serverMessage, string? advice = null)
        : base($"{server} returned error {errorCode} ({sqlState}): {serverMessage}{(advice is null ? "" : " " + advice)}")
    {
        ErrorCode = errorCode;
        SqlState = sqlState;
        ServerMessage = serverMessage;
    }

    public int ErrorCode { get; }

    public string SqlState { get; }

    public string ServerMessage { get; }
}

/// <summary>Wrong user name or password (error 1045), or an authentication plugin we cannot speak.</summary>
public sealed class BinlogAuthenticationException : BinlogServerException
{
    public BinlogAuthenticationException(string server, int errorCode, string sqlState, string serverMessage, string advice)
        : base(server, errorCode, sqlState, serverMessage, advice) { }
}

/// <summary>The user lacks REPLICATION SLAVE (and REPLICATION CLIENT for positions).</summary>
public sealed class BinlogPrivilegeException : BinlogServerException
{
    public BinlogPrivilegeException(string server, int errorCode, string sqlState, string serverMessage)
        : base(server, errorCode, sqlState, serverMessage,
            "Grant it: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '<user>'@'%';") { }
}

/// <summary>The requested position is no longer on the server (binlog purged, or never existed). Error 1236.</summary>
public sealed class BinlogPositionPurgedException : BinlogServerException
{
    public BinlogPositionPurgedException(string server, int errorCode, string sqlState, string serverMessage, string position)
        : base(server, errorCode, sqlState, serverMessage,
            $"The start position {position} is not available on the source (binary logs purged or wrong position). " +
            "Raise binlog retention (binlog_expire_logs_seconds / expire_logs_days, Azure: keep >= 2 days) and restart the migration from a new snapshot.")
    {
        Position = position;
    }

    public string Position { get; }
}

/// <summary>The source does not write a binary log (log_bin=OFF), so there is nothing to replicate.</summary>
public sealed class BinlogDisabledException : BinlogException
{
    public BinlogDisabledException(string server)
        : base($"{server} has binary logging disabled (log_bin=OFF). Enable it (Azure Single Server: create and delete a read replica, or set log_bin on) and set binlog_format=ROW, binlog_row_image=FULL.") { }
}

/// <summary>The connection was lost or timed out; <see cref="BinlogClient"/> reconnects on this one.</summary>
public sealed class BinlogConnectionLostException : BinlogException
{
    public BinlogConnectionLostException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The server's configuration makes exact replication impossible (row image, partial JSON, statement format...).</summary>
public sealed class BinlogConfigurationException : BinlogException
{
    public BinlogConfigurationException(string message) : base(message) { }
}

/// <summary>A TABLE_MAP does not match the table schema we know: replaying would put values in the wrong columns.</summary>
public sealed class BinlogSchemaMismatchException : BinlogException
{
    public BinlogSchemaMismatchException(string message) : base(message) { }
}

/// <summary>
/// Malformed bytes: truncated packet, bad checksum, impossible length or value. Derives from
/// <see cref="FormatException"/> as protocol parsers conventionally do; the message says which event and offset.
/// </summary>
public sealed class BinlogFormatException : FormatException
{
    public BinlogFormatException(string message) : base(message) { }

    public BinlogFormatException(string message, Exception inner) : base(message, inner) { }
}
