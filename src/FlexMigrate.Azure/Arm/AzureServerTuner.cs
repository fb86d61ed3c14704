using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;
using Azure.ResourceManager.Resources.Models;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Changes Azure servers around a migration: server parameters for the load, the target's compute SKU during the load,
/// and stopping the source after cutover; and undoes those changes. Every change is an <see cref="AzureChange"/>.
/// <para>Durable use: plan from an <see cref="AzureServerInfo"/> snapshot (the Plan methods are pure, so an orchestrator may
/// call them), record the plan in history, then apply and later restore that same list from activities. Apply and
/// restore compare with the live value first, so a retried activity repeats nothing and a change is never lost.</para>
/// Long-running operations are polled to completion within <see cref="AzureArmOptions.OperationTimeout"/>.
/// </summary>
public sealed class AzureServerTuner
{
    private const string Stopped = "Stopped";
    private const string Ready = "Ready";

    private readonly ArmConnection connection;
    private readonly AzureServerDiscovery discovery;
    private readonly ServerParameterClient parameters;

    public AzureServerTuner(ArmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.connection = connection;
        discovery = new AzureServerDiscovery(connection);
        parameters = new ServerParameterClient(connection.Sender);
    }

    /// <summary>The parameter changes needed to reach <paramref name="desired"/>; parameters already at the value are left out.</summary>
    /// <exception cref="ArgumentException">A desired parameter does not exist on the server.</exception>
    public static IReadOnlyList<AzureChange> PlanParameters(AzureServerInfo server, IReadOnlyDictionary<string, string> desired)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<AzureChange>();
        foreach (var (name, value) in desired.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var current = server.Parameter(name) ?? throw new ArgumentException(
                $"Server {server.Name} has no parameter '{name}' (Azure's Server parameters page lists the valid names).", nameof(desired));
            if (!SameValue(current, value))
            {
                changes.Add(new AzureChange(server.ResourceId, AzureChangeKind.Parameter, name.ToLowerInvariant(), current, value));
            }
        }

        return changes;
    }

    /// <summary>The SKU change to <paramref name="target"/>, or null when the server already has it.</summary>
    public static AzureChange? PlanScale(AzureServerInfo server, AzureSku target)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(target);
        return SameValue(server.Sku.ToString(), target.ToString())
            ? null
            : new AzureChange(server.ResourceId, AzureChangeKind.Sku, "sku", server.Sku.ToString(), target.ToString());
    }

    /// <summary>The change that stops the server, or null when it is already stopped.</summary>
    public static AzureChange? PlanStop(AzureServerInfo server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return SameValue(server.State, Stopped)
            ? null
            : new AzureChange(server.ResourceId, AzureChangeKind.State, "state", server.State, Stopped);
    }

    /// <summary>Plans and applies parameter values for the load (see <see cref="PlanParameters"/>).</summary>
    public async Task<IReadOnlyList<AzureChange>> SetParametersAsync(
        AzureServerInfo server, IReadOnlyDictionary<string, string> desired, CancellationToken cancellationToken = default)
    {
        var changes = PlanParameters(server, desired);
        await ApplyAsync(changes, cancellationToken);
        return changes;
    }

    /// <summary>Scales the server to <paramref name="target"/> and waits for the operation (a Flexible Server restarts
    /// while scaling: do it before the load starts). Returns the change, or null when nothing was needed.</summary>
    public async Task<AzureChange?> ScaleAsync(AzureServerInfo server, AzureSku target, CancellationToken cancellationToken = default)
    {
        var change = PlanScale(server, target);
        await ApplyAsync(change is null ? [] : [change], cancellationToken);
        return change;
    }

    /// <summary>Stops the server (after a successful final cutover) and waits until it is stopped.</summary>
    public async Task<AzureChange?> StopAsync(AzureServerInfo server, CancellationToken cancellationToken = default)
    {
        var change = PlanStop(server);
        await ApplyAsync(change is null ? [] : [change], cancellationToken);
        return change;
    }

    /// <summary>Brings each setting to its <see cref="AzureChange.After"/> value, in order; settings already there are skipped,
    /// so a retried call is harmless.</summary>
    /// <exception cref="AzureArmException">ARM refused or the operation timed out; earlier changes in the list stay applied
    /// (restore them with <see cref="RestoreAsync"/> on the same list).</exception>
    /// <exception cref="InvalidOperationException">A parameter is read-only or needs a server restart.</exception>
    public async Task ApplyAsync(IReadOnlyList<AzureChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var current = await ReadCurrentAsync(change, cancellationToken);
            if (!SameValue(current, change.After))
            {
                await WriteAsync(change, cancellationToken);
            }
        }
    }

    /// <summary>Undoes <paramref name="changes"/> in reverse order, best effort: every change is attempted and its outcome
    /// returned, so the report can show what still needs a manual fix. A setting changed by someone else meanwhile is left alone.</summary>
    public async Task<IReadOnlyList<AzureRestoreOutcome>> RestoreAsync(
        IReadOnlyList<AzureChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var outcomes = new List<AzureRestoreOutcome>();
        foreach (var change in changes.Reverse())
        {
            outcomes.Add(await RestoreOneAsync(change, cancellationToken));
        }

        return outcomes;
    }

    private async Task<AzureRestoreOutcome> RestoreOneAsync(AzureChange change, CancellationToken cancellationToken)
    {
        try
        {
            var current = await ReadCurrentAsync(change, cancellationToken);
            if (SameValue(current, change.Before))
            {
                return new AzureRestoreOutcome(change, AzureRestoreStatus.AlreadyRestored, $"{change.Setting} is already '{current}'.");
            }

            if (!SameValue(current, change.After))
            {
                return new AzureRestoreOutcome(change, AzureRestoreStatus.ChangedElsewhere,
                    $"{change.Setting} is now '{current}', set by someone else after FlexMigrate set '{change.After}'; left as is.");
            }

            await WriteAsync(change.Reversed(), cancellationToken);
            return new AzureRestoreOutcome(change, AzureRestoreStatus.Restored, $"{change.Setting} set back to '{change.Before}'.");
        }
        catch (Exception e) when (e is AzureArmException or InvalidOperationException or ArgumentException)
        {
            return new AzureRestoreOutcome(change, AzureRestoreStatus.Failed,
                $"Could not set {change.Setting} back to '{change.Before}' on {change.ResourceId}: {e.Message} Set it by hand.");
        }
    }

    private async Task<string> ReadCurrentAsync(AzureChange change, CancellationToken cancellationToken)
    {
        var id = AzureServerDiscovery.ParseServerId(change.ResourceId);
        switch (change.Kind)
        {
            case AzureChangeKind.Parameter:
                return (await parameters.GetAsync(id, change.Setting, cancellationToken)).Value;
            case AzureChangeKind.Sku:
                var data = await discovery.ReadServerAsync(id, cancellationToken);
                return new AzureSku(data.Sku?.Name ?? string.Empty, data.Sku?.Tier ?? string.Empty).ToString();
            case AzureChangeKind.State:
                var server = AzureServerDiscovery.Map(id, ArmApiVersions.KindOf(id), await discovery.ReadServerAsync(id, cancellationToken),
                    new Dictionary<string, string>());
                return server.State;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown change kind.");
        }
    }

    private Task WriteAsync(AzureChange change, CancellationToken cancellationToken)
    {
        var id = AzureServerDiscovery.ParseServerId(change.ResourceId);
        return change.Kind switch
        {
            AzureChangeKind.Parameter => WriteParameterAsync(id, change, cancellationToken),
            AzureChangeKind.Sku => WriteSkuAsync(id, AzureSku.Parse(change.After), cancellationToken),
            AzureChangeKind.State => WriteStateAsync(id, change.After, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown change kind."),
        };
    }

    private async Task WriteParameterAsync(ResourceIdentifier id, AzureChange change, CancellationToken cancellationToken)
    {
        var parameter = await parameters.GetAsync(id, change.Setting, cancellationToken);
        if (parameter.IsReadOnly)
        {
            throw new InvalidOperationException(
                $"Server parameter {change.Setting} on {id.Name} is read-only in Azure and cannot be set to '{change.After}'; " +
                "remove it from the migration's parameter settings.");
        }

        // FlexMigrate never restarts a server on its own: a restart in the middle of a migration breaks the copy.
        if (!parameter.IsDynamic)
        {
            throw new InvalidOperationException(
                $"Server parameter {change.Setting} on {id.Name} is static: a new value takes effect only after a restart. " +
                "Set it before the migration (portal: Server parameters, then Restart) and remove it from the migration's settings.");
        }

        await parameters.SetAsync(id, change.Setting, change.After, cancellationToken);
    }

    private async Task WriteSkuAsync(ResourceIdentifier id, AzureSku target, CancellationToken cancellationToken)
    {
        var current = await discovery.ReadServerAsync(id, cancellationToken);
        var patch = new GenericResourceData(current.Location)
        {
            Sku = new ResourcesSku { Name = target.Name, Tier = target.Tier.Length == 0 ? null : target.Tier },
        };
        await RunLongOperationAsync(
            token => connection.Client.GetGenericResource(id).UpdateAsync(WaitUntil.Completed, patch, token),
            $"scale to {target}", id, $"{id.ResourceType}/write", cancellationToken);
    }

    private async Task WriteStateAsync(ResourceIdentifier id, string state, CancellationToken cancellationToken)
    {
        var action = SameValue(state, Stopped) ? "stop" : SameValue(state, Ready) ? "start" : throw new ArgumentException(
            $"Cannot bring server {id.Name} to state '{state}': only '{Stopped}' and '{Ready}' can be set.", nameof(state));
        var kind = ArmApiVersions.KindOf(id);
        var call = new ArmCall($"{action} the server", id.ToString(), $"{id.ResourceType}/{action}/action");
        await connection.Sender.SendAsync(
            RequestMethod.Post, $"{id}/{action}?api-version={ArmApiVersions.StartStopApiVersion(kind)}", body: null, call, cancellationToken);
    }

    private async Task RunLongOperationAsync(
        Func<CancellationToken, Task> operation, string description, ResourceIdentifier id, string requiredAction,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Options.OperationTimeout);
        try
        {
            await operation(timeout.Token);
        }
        catch (RequestFailedException e)
        {
            throw ArmErrorTranslator.Translate(e, description, id.ToString(), requiredAction);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ArmErrorTranslator.Timeout(description, id.ToString(), connection.Options.OperationTimeout);
        }
    }

    // ARM echoes parameter values in its own case ("ON" for "on"); SKU and state names are case-insensitive too.
    private static bool SameValue(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
