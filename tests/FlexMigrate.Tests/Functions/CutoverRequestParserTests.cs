using FlexMigrate.Api;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Tests.Functions;

public class CutoverRequestParserTests
{
    [Theory]
    [InlineData("", StopWritesMode.ReadOnly, 300)]
    [InlineData("{}", StopWritesMode.ReadOnly, 300)]
    [InlineData("""{"stopWrites":"confirmed","timeoutSeconds":60}""", StopWritesMode.Confirmed, 60)]
    [InlineData("""{"stopWrites":"read-only"}""", StopWritesMode.ReadOnly, 300)]
    public void Valid_bodies_become_requests(string body, StopWritesMode mode, int timeout)
    {
        var parsed = CutoverRequestParser.Parse(body, "http", requireMigrationId: false);

        Assert.Empty(parsed.Errors);
        Assert.Equal(new CutoverRequest(mode, timeout, "http"), parsed.Request);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"stopWrites":"freeze"}""", "stopWrites")]
    [InlineData("""{"timeoutSeconds":0}""", "timeoutSeconds")]
    [InlineData("""{"timeoutSeconds":"soon"}""", "timeoutSeconds")]
    [InlineData("null", "body")]
    public void Bad_bodies_name_the_field(string body, string field)
    {
        var parsed = CutoverRequestParser.Parse(body, "http", requireMigrationId: false);

        Assert.Null(parsed.Request);
        Assert.Equal([field], parsed.Errors.Keys);
    }

    [Fact]
    public void Queue_messages_must_name_the_migration()
    {
        Assert.Equal(["migrationId"], CutoverRequestParser.Parse("""{"stopWrites":"confirmed"}""", "queue", requireMigrationId: true).Errors.Keys);

        var parsed = CutoverRequestParser.Parse("""{"migrationId":"m-1","stopWrites":"confirmed"}""", "queue", requireMigrationId: true);
        Assert.Equal("m-1", parsed.MigrationId);
        Assert.Equal(new CutoverRequest(StopWritesMode.Confirmed, 300, "queue"), parsed.Request);
    }
}
