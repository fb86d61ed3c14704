using MySqlConnector;

namespace FlexMigrate.Cli.Commands;

/// <summary>Reads and checks --source/--target (or FLEXMIGRATE_SOURCE/FLEXMIGRATE_TARGET) connection strings.</summary>
internal static class ConnectionOptions
{
    public const string SourceEnvironment = "FLEXMIGRATE_SOURCE";
    public const string TargetEnvironment = "FLEXMIGRATE_TARGET";

    public static string Source(CommandArguments args) => Read(args, "--source", SourceEnvironment);

    public static string Target(CommandArguments args) => Read(args, "--target", TargetEnvironment);

    /// <summary>A connection string in MySqlConnector's format, checked for syntax now rather than mid-migration.</summary>
    public static string Read(CommandArguments args, string option, string environmentVariable)
    {
        var value = args.Required(option, environmentVariable);
        try
        {
            var builder = new MySqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Server))
            {
                throw new UsageException($"{option} has no Server=...; give a connection string like 'Server=host;Port=3306;User ID=user;Password=...'.");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            // Never echo the value: it may hold a password.
            throw new UsageException($"{option} is not a valid MySQL connection string ({ex.Message}). Example: 'Server=host;Port=3306;User ID=user;Password=...'.");
        }
    }

    /// <summary>Host:port of a connection string, for messages (never the password).</summary>
    public static string Describe(string connectionString)
    {
        var b = new MySqlConnectionStringBuilder(connectionString);
        return $"{b.Server}:{b.Port}";
    }
}
