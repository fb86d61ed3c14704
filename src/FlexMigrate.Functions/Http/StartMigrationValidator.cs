using System.Globalization;
using System.Text.Json;
using FlexMigrate.Api;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using Microsoft.Azure.Functions.Worker.Http;

namespace FlexMigrate.Functions.Http;

/// <summary>The result of reading a start request: the request, or the errors per JSON field.</summary>
public sealed record StartMigrationValidation(MigrationRequest? Request, IReadOnlyDictionary<string, string> Errors);

/// <summary>Turns a `POST /api/migrations` body into a <see cref="MigrationRequest"/>, naming every bad field.</summary>
public static class StartMigrationValidator
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Reads the start body of <paramref name="request"/> (start and precheck take the same one) and answers with
    /// <paramref name="respond"/>, or with 400 problem details naming every bad field.
    /// </summary>
    public static async Task<HttpResponseData> RespondAsync(
        HttpRequestData request, Func<string, bool> isConfigured, Func<MigrationRequest, Task<HttpResponseData>> respond)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(respond);
        using var reader = new StreamReader(request.Body);
        var validation = Validate(await reader.ReadToEndAsync(), isConfigured);
        return validation.Request is { } input
            ? await respond(input)
            : await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(validation.Errors));
    }

    /// <param name="body">The raw request body.</param>
    /// <param name="isConfigured">Whether a connection name has a connection string in app settings.</param>
    public static StartMigrationValidation Validate(string body, Func<string, bool> isConfigured)
    {
        ArgumentNullException.ThrowIfNull(isConfigured);
        StartMigrationBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<StartMigrationBody>(body, Json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return Fail(field, $"Not valid JSON for this field: {ex.Message.Split(" Path:")[0]}");
        }

        if (parsed is null)
        {
            return Fail("body", "Send a JSON object with source, target and databases.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        CheckConnection(errors, "source", parsed.Source, isConfigured);
        CheckConnection(errors, "target", parsed.Target, isConfigured);
        if (parsed.Databases is not { Count: > 0 } || parsed.Databases.Any(string.IsNullOrWhiteSpace))
        {
            errors["databases"] = "Give at least one database name, e.g. [\"shop\"].";
        }

        CheckTableNames(errors, "tables", parsed.Tables);
        CheckTableNames(errors, "excludeTables", parsed.ExcludeTables);
        var mode = parsed.Mode?.ToLowerInvariant() switch
        {
            null or "offline" => MigrationMode.Offline,
            "online" => MigrationMode.Online,
            _ => (MigrationMode?)null,
        };
        if (mode is null)
        {
            errors["mode"] = $"'{parsed.Mode}' is not a mode; use \"offline\" or \"online\".";
        }

        if (parsed.Parallelism is < 1 or > 64)
        {
            errors["parallelism"] = "Must be from 1 to 64.";
        }

        if (parsed.ChunkRows is < 1)
        {
            errors["chunkRows"] = "Must be at least 1.";
        }

        if (parsed.ReverseAfterCutover == true && mode != MigrationMode.Online)
        {
            errors["reverseAfterCutover"] = "Reverse replication follows an online cutover: set \"mode\": \"online\".";
        }

        var azure = AzureOptionsValidator.Validate(parsed.Azure, string.Equals(parsed.Mode, "online", StringComparison.OrdinalIgnoreCase), errors);
        var users = UsersOf(parsed, errors);
        var throttle = ThrottleOf(parsed.Throttle, errors, isConfigured);
        if (errors.Count > 0)
        {
            return new StartMigrationValidation(null, errors);
        }

        var defaults = new MigrationOptions();
        var options = new MigrationOptions(
            mode ?? MigrationMode.Offline,
            parsed.Parallelism ?? defaults.Parallelism,
            parsed.DropExisting ?? defaults.DropExisting,
            parsed.KeepDefiners ?? defaults.KeepDefiners,
            parsed.KeepEngines ?? defaults.KeepEngines,
            parsed.SkipPrecheck ?? defaults.SkipPrecheck,
            parsed.Validate ?? defaults.Validate,
            parsed.ChunkRows ?? defaults.ChunkRows,
            Throttle: throttle,
            ReverseAfterCutover: parsed.ReverseAfterCutover ?? defaults.ReverseAfterCutover);
        var request = new MigrationRequest(parsed.Source!, parsed.Target!, parsed.Databases!, parsed.Tables ?? [], parsed.ExcludeTables ?? [], options)
        {
            Azure = azure,
            Users = users,
        };
        return new StartMigrationValidation(request, errors);
    }

    /// <summary>
    /// The "throttle" object, each value checked by the control commands' own rules (<see cref="ControlChanges"/>), so
    /// a start body accepts exactly what `set` accepts later; null when no condition is given.
    /// </summary>
    private static ThrottleSettings? ThrottleOf(StartMigrationThrottleBody? body, Dictionary<string, string> errors, Func<string, bool> isConfigured)
    {
        if (body is null)
        {
            return null;
        }

        var settings = new ControlSettings(1, 1, ThrottleSettings.None);
        foreach (var (field, name, value) in new (string, string, string?)[]
        {
            ("maxRowsPerSecond", ThrottleConditions.MaxRowsPerSecond, body.MaxRowsPerSecond?.ToString(CultureInfo.InvariantCulture)),
            ("maxSourceLoad", ThrottleConditions.MaxSourceLoad, body.MaxSourceLoad),
            ("maxTargetLoad", ThrottleConditions.MaxTargetLoad, body.MaxTargetLoad),
            ("criticalSourceLoad", ThrottleConditions.CriticalSourceLoad, body.CriticalSourceLoad),
            ("criticalHibernateSeconds", ControlChanges.CriticalHibernateSeconds, body.CriticalHibernateSeconds?.ToString(CultureInfo.InvariantCulture)),
        })
        {
            try
            {
                settings = value is null ? settings : ControlChanges.Apply(settings, new ControlRequest(ControlChanges.Set, name, value));
            }
            catch (FormatException ex)
            {
                errors["throttle." + field] = ex.Message;
            }
        }

        if ((body.MaxReplicaLag is null) != (body.ThrottleReplicas is not { Count: > 0 }))
        {
            errors["throttle.maxReplicaLag"] = "maxReplicaLag and throttleReplicas go together: the lag limit in seconds and the replicas' connection names.";
        }
        else if (body.MaxReplicaLag is < 0 or > 86_400)
        {
            errors["throttle.maxReplicaLag"] = "Must be from 0 to 86400 seconds.";
        }

        foreach (var replica in body.ThrottleReplicas ?? [])
        {
            CheckConnection(errors, "throttle.throttleReplicas", replica, isConfigured);
        }

        var throttle = settings.Throttle with { MaxReplicaLagSeconds = body.MaxReplicaLag, ThrottleReplicas = body.ThrottleReplicas };
        return throttle.IsEmpty ? null : throttle;
    }

    // "users": "all" | "none" | "a,b@h" | ["a", "b@h"]; null (or "none") migrates no account.
    private static UserMigrationOptions? UsersOf(StartMigrationBody body, Dictionary<string, string> errors)
    {
        IReadOnlyList<string>? items = body.Users switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => [],
            { ValueKind: JsonValueKind.String } s => s.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            { ValueKind: JsonValueKind.Array } a when a.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                a.EnumerateArray().Select(e => e.GetString()!.Trim()).ToList(),
            _ => null,
        };
        if (items is null)
        {
            errors["users"] = "Give \"all\", \"none\", or account names as a string (\"app,report@10.%\") or an array of strings.";
            return null;
        }

        try
        {
            return FlexMigrate.Core.Accounts.AccountSelection.Parse(items).IsNone ? null : new UserMigrationOptions(items, body.ReplaceUsers ?? false);
        }
        catch (FormatException ex)
        {
            errors["users"] = ex.Message;
            return null;
        }
    }

    private static void CheckConnection(Dictionary<string, string> errors, string field, string? name, Func<string, bool> isConfigured)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors[field] = $"Give the name of a configured connection (app setting ConnectionStrings__<name>), e.g. \"{field}\".";
        }
        else if (name.Contains('=', StringComparison.Ordinal) || name.Contains(';', StringComparison.Ordinal))
        {
            errors[field] = "This looks like a connection string. Store it as app setting ConnectionStrings__<name> (or a Key Vault reference) and pass the name.";
        }
        else if (!isConfigured(name))
        {
            errors[field] = $"No connection named '{name}': add the app setting ConnectionStrings__{name}.";
        }
    }

    private static void CheckTableNames(Dictionary<string, string> errors, string field, IReadOnlyList<string>? tables)
    {
        var bad = tables?.FirstOrDefault(t => t.Split('.') is not [{ Length: > 0 }, { Length: > 0 }]);
        if (bad is not null)
        {
            errors[field] = $"'{bad}' is not of the form db.table.";
        }
    }

    private static StartMigrationValidation Fail(string field, string message) =>
        new(null, new Dictionary<string, string> { [field] = message });
}
