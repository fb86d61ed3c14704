using Azure.Core.Pipeline;

namespace FlexMigrate.Azure.Arm;

/// <summary>Settings for talking to Azure Resource Manager. The defaults suit the public Azure cloud.</summary>
public sealed record AzureArmOptions
{
    /// <summary>Resource Manager endpoint (sovereign clouds and tests change it).</summary>
    public Uri Endpoint { get; init; } = new("https://management.azure.com");

    /// <summary>Token audience, without a trailing slash (the SDK appends "/.default").</summary>
    public string Audience { get; init; } = "https://management.azure.com";

    /// <summary>How long a long-running operation (scale, parameter change, stop) may take before it is reported as timed out.
    /// A compute scale of a Flexible Server typically takes a few minutes; 30 minutes leaves room for busy regions.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Interval between status polls of a long-running operation when ARM sends no Retry-After.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of throttled (429) or transient failures; each waits for the response's Retry-After when present.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Base delay between retries when the response carries no Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>HTTP transport override (tests use one that trusts the fake's certificate); null uses the default.</summary>
    public HttpPipelineTransport? Transport { get; init; }
}
