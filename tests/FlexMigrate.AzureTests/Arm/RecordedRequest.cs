namespace FlexMigrate.AzureTests.Arm;

/// <summary>One request the fake received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string ApiVersion, string Body);
