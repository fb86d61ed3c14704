namespace FlexMigrate.Cli.Commands;

/// <summary>Bad command-line input; the message tells the user what to type instead. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
