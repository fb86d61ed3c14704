using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Azure;

namespace FlexMigrate.AzureTests.Storage;

public sealed class MigrationArtifactStoreTests : IAsyncLifetime
{
    private const string Schema = "CREATE TABLE `shop`.`orders` (\n  `id` bigint NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n";
    private readonly LostResponsePolicy policy = new();
    private BlobContainerClient container = null!;
    private MigrationArtifactStore store = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var options = Azurite.FastOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        container = Azurite.NewContainer(options);
        store = new MigrationArtifactStore(container);
    }

    public async Task DisposeAsync() => await container.DeleteIfExistsAsync();

    [Fact]
    public async Task Each_artifact_is_stored_in_the_migrations_folder_and_read_back_exactly()
    {
        await store.PutArtifactAsync("mig-1", ArtifactKind.ValidationReport, """{"tables":2,"mismatches":0}""");
        await store.PutArtifactAsync("mig-1", ArtifactKind.SchemaSnapshot, Schema);
        await store.PutArtifactAsync("mig-1", ArtifactKind.PrecheckReport, """{"findings":[]}""");
        await store.PutArtifactAsync("mig-2", ArtifactKind.PrecheckReport, """{"findings":["other"]}""");

        var listed = await store.ListArtifactsAsync("mig-1");

        Assert.Equal(
            [(ArtifactKind.PrecheckReport, "mig-1/precheck-report.json"), (ArtifactKind.SchemaSnapshot, "mig-1/schema-snapshot.sql"),
             (ArtifactKind.ValidationReport, "mig-1/validation-report.json")],
            listed.Select(a => (a.Kind, a.BlobName)));
        Assert.Equal(Schema, await store.GetArtifactAsync("mig-1", ArtifactKind.SchemaSnapshot));
        Assert.Null(await store.GetArtifactAsync("mig-1", ArtifactKind.MigrationReport));
        var properties = (await container.GetBlobClient("mig-1/schema-snapshot.sql").GetPropertiesAsync()).Value;
        Assert.Equal("application/sql; charset=utf-8", properties.ContentType);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Schema), properties.ContentLength);
        Assert.Equal(listed[1].Sha256, properties.Metadata["sha256"]);
    }

    [Fact]
    public async Task Writing_the_same_content_again_changes_nothing()
    {
        var first = await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, """{"rows":1000}""");
        var lastModified = (await container.GetBlobClient(first.BlobName).GetPropertiesAsync()).Value.LastModified;

        var second = await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, """{"rows":1000}""");

        Assert.Equal(first, second);
        Assert.Equal(1, policy.Puts);
        Assert.Equal(lastModified, (await container.GetBlobClient(first.BlobName).GetPropertiesAsync()).Value.LastModified);
        Assert.Equal([first.BlobName], await BlobNamesAsync());
    }

    [Fact]
    public async Task A_write_whose_response_was_lost_is_retried_and_stored_once()
    {
        policy.LoseNextUploadResponse();

        var reference = await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, """{"rows":42}""");

        // The first upload landed, its response was lost, the client retried with If-None-Match: * and got 409;
        // the store then saw its own content there and returned it.
        Assert.Equal(2, policy.Puts);
        Assert.Equal("""{"rows":42}""", await store.GetArtifactAsync("mig-1", ArtifactKind.MigrationReport));
        Assert.Equal([reference.BlobName], await BlobNamesAsync());
        Assert.Equal(reference.ETag, (await container.GetBlobClient(reference.BlobName).GetPropertiesAsync()).Value.ETag.ToString());
    }

    [Fact]
    public async Task New_content_replaces_the_artifact_with_a_new_version()
    {
        var first = await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, """{"phase":"copy"}""");
        policy.LoseNextUploadResponse();

        var second = await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, """{"phase":"done"}""");

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.NotEqual(first.Sha256, second.Sha256);
        Assert.Equal("""{"phase":"done"}""", await store.GetArtifactAsync("mig-1", ArtifactKind.MigrationReport));
        Assert.Equal([first.BlobName], await BlobNamesAsync());
    }

    [Fact]
    public async Task Concurrent_writers_leave_one_whole_version()
    {
        // One writer per artifact is the design; racing writers must never mix content. Each either wins a conditional
        // write or, after losing every attempt, gets the documented error; the stored content is exactly one winner's.
        var contents = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 10_000)).ToList();
        var writes = contents.Select(async c =>
        {
            try
            {
                return (await store.PutArtifactAsync("mig-1", ArtifactKind.MigrationReport, c)).Sha256;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("kept changing under concurrent writers", StringComparison.Ordinal))
            {
                return null;
            }
        }).ToList();

        var winners = (await Task.WhenAll(writes)).OfType<string>().ToList();

        var stored = await store.GetArtifactAsync("mig-1", ArtifactKind.MigrationReport);
        Assert.NotEmpty(winners);
        Assert.Contains(stored, contents);
        Assert.Contains(Sha256Hex(stored!), winners);
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Content_changed_outside_the_store_is_reported_as_corrupt()
    {
        var reference = await store.PutArtifactAsync("mig-1", ArtifactKind.ValidationReport, """{"mismatches":0}""");
        var blob = container.GetBlobClient(reference.BlobName);
        await blob.UploadAsync(BinaryData.FromString("""{"mismatches":9}"""),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["sha256"] = reference.Sha256 } });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetArtifactAsync("mig-1", ArtifactKind.ValidationReport));

        Assert.StartsWith($"Blob {container.Name}/mig-1/validation-report.json is corrupt or was changed outside FlexMigrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_payload_passes_by_a_small_content_addressed_reference()
    {
        var tables = Enumerable.Range(0, 5000).Select(i => $"shop_{i / 100:D2}.table_{i:D5}").ToList();

        policy.LoseNextUploadResponse();
        var reference = await store.PutPayloadAsync("mig-1", "tables", tables);
        var again = await store.PutPayloadAsync("mig-1", "tables", tables);
        var putsBeforeOther = policy.Puts;
        var other = await store.PutPayloadAsync("mig-1", "tables", tables.Take(10).ToList());

        Assert.Equal(reference, again);
        Assert.Matches("^mig-1/payloads/tables-[0-9a-f]{16}\\.json$", reference.BlobName);
        Assert.NotEqual(reference.BlobName, other.BlobName);
        Assert.Equal(tables, await store.GetPayloadAsync<List<string>>(reference));
        Assert.Equal(tables.Take(10), await store.GetPayloadAsync<List<string>>(other));
        Assert.True(System.Text.Json.JsonSerializer.Serialize(reference).Length < 300);
        Assert.Equal(2, putsBeforeOther); // the lost first upload and its retry; the repeated put sent none
        Assert.Empty(await store.ListArtifactsAsync("mig-1"));
    }

    [Fact]
    public async Task The_payload_store_reads_a_payload_once_per_worker_and_does_not_remember_a_failed_read()
    {
        var payloads = new BlobPayloadStore(store);
        var spec = new[] { "id int", "name varchar" };
        var reference = await payloads.PutAsync("mig-1", "copy-spec", spec);
        var missing = reference with { BlobName = "mig-1/payloads/copy-spec-0000000000000000.json" };

        Assert.Equal(spec, await payloads.GetAsync<string[]>(reference));
        await container.DeleteBlobAsync(reference.BlobName);
        Assert.Equal(spec, await payloads.GetAsync<string[]>(reference)); // from the cache: the content cannot have changed
        await Assert.ThrowsAsync<InvalidOperationException>(() => payloads.GetAsync<string[]>(missing));
        await container.GetBlobClient(missing.BlobName).UploadAsync(BinaryData.FromString("[]"),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["sha256"] = missing.Sha256 } });
        await Assert.ThrowsAsync<InvalidDataException>(() => payloads.GetAsync<string[]>(missing)); // read again, not the cached failure
    }

    [Fact]
    public async Task A_payload_whose_bytes_do_not_match_the_reference_is_refused()
    {
        var reference = await store.PutPayloadAsync("mig-1", "tables", new[] { "a.b" });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            store.GetPayloadAsync<string[]>(reference with { Sha256 = new string('0', 64) }));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.GetPayloadAsync<string[]>(reference with { BlobName = "mig-1/payloads/tables-0000000000000000.json" }));

        Assert.Contains("expected 0000", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Payload 'tables' of migration mig-1 is missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_migration_removes_only_its_blobs()
    {
        await store.PutArtifactAsync("mig-1", ArtifactKind.PrecheckReport, "{}");
        await store.PutPayloadAsync("mig-1", "tables", new[] { "a.b" });
        await store.PutArtifactAsync("mig-10", ArtifactKind.PrecheckReport, "{}");

        Assert.Equal(2, await store.DeleteMigrationAsync("mig-1"));

        Assert.Equal(["mig-10/precheck-report.json"], await BlobNamesAsync());
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("x..y")]
    public async Task Unsafe_migration_ids_are_rejected(string migrationId)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutArtifactAsync(migrationId, ArtifactKind.PrecheckReport, "{}"));

        Assert.Equal("migrationId", error.ParamName);
        Assert.Equal(0, policy.Puts);
    }

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }
}
