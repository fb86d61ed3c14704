using FlexMigrate.Azure.Arm;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.Functions;

/// <summary>
/// Registers the Azure services the activities use: Resource Manager through the app's managed identity
/// (DefaultAzureCredential; nothing is created until an activity calls ARM), and, when configured, the Blob Storage
/// artifact store and the payload store for long table lists.
/// </summary>
internal static class AzureServices
{
    /// <summary>App setting FlexMigrate__Artifacts__BlobServiceUri: https://&lt;account&gt;.blob.core.windows.net (managed identity).</summary>
    public const string BlobServiceUriSetting = "FlexMigrate:Artifacts:BlobServiceUri";

    /// <summary>App setting FlexMigrate__Artifacts__ConnectionString: a storage connection string instead (local runs, Azurite).</summary>
    public const string ConnectionStringSetting = "FlexMigrate:Artifacts:ConnectionString";

    /// <summary>App setting FlexMigrate__Artifacts__Container (default "flexmigrate").</summary>
    public const string ContainerSetting = "FlexMigrate:Artifacts:Container";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ArmConnection.CreateDefault());
        if (CreateStore(configuration) is { } store)
        {
            services.AddSingleton(store);
            services.AddSingleton<IPayloadStore>(new BlobPayloadStore(store));
        }
    }

    /// <summary>The artifact store the settings describe, or null when none is configured (no artifacts are written then).</summary>
    public static MigrationArtifactStore? CreateStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var container = configuration[ContainerSetting] is { Length: > 0 } c ? c : MigrationArtifactStore.DefaultContainer;
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            return MigrationArtifactStore.FromConnectionString(connectionString, container);
        }

        return configuration[BlobServiceUriSetting] is { Length: > 0 } uri
            ? MigrationArtifactStore.FromServiceUri(new Uri(uri), container)
            : null;
    }
}
