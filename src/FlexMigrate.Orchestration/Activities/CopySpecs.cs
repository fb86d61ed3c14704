using System.Text.Json;
using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// How a table's copy spec travels to its chunk copies (<see cref="CopySpecRef"/>): <see cref="PlanChunksActivity"/>
/// reads it once and hands it on inline when small, else stores it once in the host's payload store; each
/// <see cref="CopyChunkActivity"/> takes it back from there (the blob store caches it per worker).
/// </summary>
internal static class CopySpecs
{
    /// <summary>What the chunk steps of the table carry for <paramref name="spec"/>.</summary>
    public static async Task<CopySpecRef> PassAsync(IPayloadStore? payloads, string migrationId, CopyTableSpec spec)
    {
        if (payloads is null || JsonSerializer.SerializeToUtf8Bytes(spec).Length <= payloads.InlineBytesLimit)
        {
            return new CopySpecRef(Spec: spec);
        }

        return new CopySpecRef(Stored: await payloads.PutAsync(migrationId, "copy-spec", spec));
    }

    /// <summary>The spec a chunk step carries, inline or stored.</summary>
    public static async Task<CopyTableSpec> TakeAsync(IPayloadStore? payloads, CopySpecRef spec)
    {
        if (spec.Spec is { } inline)
        {
            return inline;
        }

        if (spec.Stored is not { } stored || payloads is null)
        {
            throw new InvalidOperationException(
                "A chunk step refers to a stored copy spec, but this host has no payload store: configure the same artifact " +
                "store (FlexMigrate__Artifacts__*) on every instance of the app, then start the migration again.");
        }

        return await payloads.GetAsync<CopyTableSpec>(stored);
    }
}
