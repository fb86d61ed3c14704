namespace FlexMigrate.Core.Sql;

/// <summary>The server refused a statement sent through <see cref="RawSqlSession"/>; the message names the server.</summary>
public sealed class RawSqlException : Exception
{
    public RawSqlException(string server, int number, string sqlState, string serverMessage)
        : base($"{server} returned error {number} ({sqlState}): {serverMessage}")
    {
        Number = number;
        SqlState = sqlState;
        ServerMessage = serverMessage;
    }

    /// <summary>The server's error number (e.g. 1064 syntax, 1227 access denied).</summary>
    public int Number { get; }

    public string SqlState { get; }

    /// <summary>The server's own text, without the server name.</summary>
    public string ServerMessage { get; }
}
