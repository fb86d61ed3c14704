using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Input of <see cref="WriteArtifactActivity"/>: the artifact's text (JSON reports), or, for the schema snapshot, the
/// migration whose DDL the activity derives itself (so megabytes of DDL never enter durable history), from the schema
/// the plan stored (<paramref name="Catalog"/>, see <see cref="MigrationPlan.Catalog"/>) or, without one, the source's.
/// </summary>
public sealed record ArtifactWrite(ArtifactKind Kind, string? Content, MigrationRequest? Request = null, PayloadReference? Catalog = null);

/// <summary>
/// Writes one artifact into the migration's Blob Storage folder (folder = durable instance id), when the host
/// registered a <see cref="MigrationArtifactStore"/>; otherwise does nothing and returns null. Idempotent: the store's
/// conditional, hash-checked writes make a retried activity neither duplicate nor corrupt the blob.
/// </summary>
public sealed class WriteArtifactActivity(
    MigrationArtifactStore? store = null, IConnectionCatalog? connections = null, IPayloadStore? payloads = null)
    : TaskActivity<ArtifactWrite, ArtifactReference?>
{
    public override async Task<ArtifactReference?> RunAsync(TaskActivityContext context, ArtifactWrite input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (store is null)
        {
            return null;
        }

        var content = input.Content ?? await DeriveAsync(input);
        return await store.PutArtifactAsync(context.InstanceId, input.Kind, content);
    }

    private async Task<string> DeriveAsync(ArtifactWrite input)
    {
        if (input.Kind != ArtifactKind.SchemaSnapshot || input.Request is not { } request || connections is null)
        {
            throw new ArgumentException($"Artifact {input.Kind} needs its content (only the schema snapshot is derived from the migration).", nameof(input));
        }

        var schema = await SchemaCatalogs.TakeAsync(connections, payloads, new SchemaStep(request, input.Catalog));
        return SchemaSnapshotWriter.Write(schema, SchemaSteps.Options(request));
    }
}
