using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// One authenticated channel to Azure Resource Manager, shared by <see cref="AzureServerDiscovery"/> and
/// <see cref="AzureServerTuner"/>: an <see cref="ArmClient"/> for generic resources and a raw request sender with the same
/// credential, transport and retry policy for what generic resources cannot express (child-resource lists, POST actions).
/// Register one per process: in production with <c>new DefaultAzureCredential()</c> (managed identity in Azure,
/// az login on a workstation).
/// </summary>
public sealed class ArmConnection
{
    public ArmConnection(TokenCredential credential, AzureArmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Options = options ?? new AzureArmOptions();
        var clientOptions = CreateClientOptions(Options);
        Client = new ArmClient(credential, defaultSubscriptionId: null, clientOptions);
        var pipeline = HttpPipelineBuilder.Build(
            clientOptions, new BearerTokenAuthenticationPolicy(credential, Options.Audience + "/.default"));
        Sender = new ArmRequestSender(pipeline, Options);
    }

    /// <summary>The production connection: <see cref="DefaultAzureCredential"/> (the app's managed identity in Azure,
    /// environment or az login elsewhere).</summary>
    public static ArmConnection CreateDefault(AzureArmOptions? options = null) => new(new DefaultAzureCredential(), options);

    /// <summary>The Resource Manager client, with the MySQL api-versions preset.</summary>
    public ArmClient Client { get; }

    public AzureArmOptions Options { get; }

    internal ArmRequestSender Sender { get; }

    private static ArmClientOptions CreateClientOptions(AzureArmOptions options)
    {
        var clientOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(options.Endpoint, options.Audience),
        };
        // Preset api-versions: the client would otherwise ask the provider registry for them first (one more call
        // that needs subscription-level read permission).
        clientOptions.SetApiVersion(ArmApiVersions.FlexibleServerType, ArmApiVersions.FlexibleServer);
        clientOptions.SetApiVersion(ArmApiVersions.SingleServerType, ArmApiVersions.SingleServer);
        // Azure.Core's retry policy retries 408/429/5xx and waits for Retry-After (or retry-after-ms) when present.
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        return clientOptions;
    }
}
