namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// Where the durable engine keeps an orchestration's history when the user gives <c>--state-store</c>: an Azure
/// Storage account (or Azurite) and the task hub of one migration. Each migration has a task hub of its own, named
/// from its id, so <c>flexmigrate resume &lt;id&gt; --state-store ...</c> finds it again without being told, and two
/// migrations sharing an account never share queues or leases.
/// </summary>
/// <param name="ConnectionString">The storage connection string (secret: never printed, logged or stored).</param>
/// <param name="TaskHub">The task hub name: letters and digits, 3-45 characters, starting with a letter.</param>
internal sealed record StateStore(string ConnectionString, string TaskHub)
{
    /// <summary>The state store of <paramref name="migrationId"/> in the account of <paramref name="connectionString"/>.</summary>
    public static StateStore ForMigration(string connectionString, string migrationId) =>
        new(connectionString, TaskHubFor(migrationId));

    /// <summary>
    /// "migration-20261207-004601-3fa2c1" becomes "fm20261207004601x3fa2c1": task hub names allow only letters and
    /// digits (they prefix queue, table and container names). Ids of another shape keep their letters and digits.
    /// </summary>
    public static string TaskHubFor(string migrationId)
    {
        var core = migrationId.StartsWith("migration-", StringComparison.Ordinal) ? migrationId["migration-".Length..] : migrationId;
        var parts = core.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var name = "fm" + string.Join("", parts.Take(Math.Max(parts.Length - 1, 1)).Select(Alphanumeric))
            + (parts.Length > 1 ? "x" + Alphanumeric(parts[^1]) : "");
        return name.Length <= 45 ? name : name[..45];
    }

    /// <summary>The blob container of the migration's payloads (schema catalog, long table lists), beside the task hub's own.</summary>
    public string PayloadContainer => $"{TaskHub.ToLowerInvariant()}-payloads";

    /// <summary>The account (and endpoint) for messages; never the key.</summary>
    public string Describe()
    {
        var settings = ParseSettings(ConnectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return $"development storage, task hub {TaskHub}";
        }

        var account = settings.GetValueOrDefault("AccountName", "?");
        var endpoint = settings.GetValueOrDefault("TableEndpoint") ?? settings.GetValueOrDefault("QueueEndpoint");
        return endpoint is null ? $"storage account {account}, task hub {TaskHub}" : $"storage account {account} ({endpoint}), task hub {TaskHub}";
    }

    /// <summary>
    /// Checks the connection string's syntax (without echoing it, as it holds a key) so a typo fails at once with
    /// exit code 2 instead of minutes later inside the engine.
    /// </summary>
    public static string Validate(string connectionString, string option)
    {
        var settings = ParseSettings(connectionString);
        var dev = settings.TryGetValue("UseDevelopmentStorage", out var d) && d.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (!dev && !settings.ContainsKey("AccountName"))
        {
            throw new ArgumentException(
                $"{option} is not an Azure Storage connection string: give 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' (or UseDevelopmentStorage=true for a local Azurite on 10000-10002).");
        }

        if (!dev && !settings.ContainsKey("AccountKey") && !settings.ContainsKey("SharedAccessSignature"))
        {
            throw new ArgumentException($"{option} has no AccountKey or SharedAccessSignature: the durable engine needs to write queues, tables and blobs.");
        }

        return connectionString;
    }

    private static string Alphanumeric(string s) => new(s.Where(char.IsAsciiLetterOrDigit).ToArray());

    private static Dictionary<string, string> ParseSettings(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
}
