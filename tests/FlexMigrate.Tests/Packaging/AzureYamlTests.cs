using System.Text.RegularExpressions;

namespace FlexMigrate.Tests.Packaging;

/// <summary>
/// azure.yaml as far as this machine can check it (azd itself cannot run here): the rules of the published schema
/// (https://raw.githubusercontent.com/Azure/azure-dev/main/schemas/v1.0/azure.yaml.json: `name` required and of
/// lower-case letters, digits and inner hyphens; `infra.provider` of [a-z0-9.]; every service needs `host`), and that
/// what it names exists: the Bicep module, the service's project, and the azd-service-name tag on the Function App by
/// which `azd deploy` finds it.
/// </summary>
public sealed partial class AzureYamlTests
{
    private static readonly string Root = FindRoot();

    private static readonly string Yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

    [Fact]
    public void The_file_follows_the_published_schema_rules()
    {
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Value("name"));
        Assert.Matches("^[a-z0-9.]+$", Value("  provider"));
        Assert.Equal("function", Value("    host"));
        Assert.Equal("dotnet", Value("    language"));
        // Only keys the schema defines at the top level and for a service.
        Assert.All(Keys(0), k => Assert.Contains(k, new[] { "name", "metadata", "infra", "services", "resourceGroup", "hooks", "pipeline", "state", "workflows", "requiredVersions" }));
        Assert.All(Keys(4), k => Assert.Contains(k, new[] { "project", "language", "host", "resourceName", "resourceGroup", "dist", "module", "remoteBuild", "config", "hooks", "env", "uses", "apiVersion", "docker", "k8s", "image" }));
    }

    [Fact]
    public void What_it_names_exists()
    {
        var infra = Path.Combine(Root, Value("  path"));
        Assert.True(File.Exists(Path.Combine(infra, Value("  module") + ".bicep")), "infra module missing");
        var project = Path.Combine(Root, Value("    project"));
        Assert.True(File.Exists(Path.Combine(project, "FlexMigrate.Functions.csproj")), "service project missing");
        var service = ServiceName().Match(Yaml).Groups[1].Value;
        Assert.Equal("functions", service);
        Assert.Contains($"'azd-service-name': '{service}'", File.ReadAllText(Path.Combine(infra, "main.bicep")), StringComparison.Ordinal);
    }

    /// <summary>The scalar value of the first line "key: value" at exactly that indent.</summary>
    private static string Value(string indentedKey) =>
        Regex.Match(Yaml, $"^{Regex.Escape(indentedKey)}: *(.+?) *$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"azure.yaml has no '{indentedKey.Trim()}'.");

    private static IEnumerable<string> Keys(int indent) =>
        Regex.Matches(Yaml, $"^ {{{indent}}}([A-Za-z][\\w-]*):", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Functions.sln above the test binaries.");
    }

    [GeneratedRegex(@"^services:\s*\n(?:\s*#.*\n)*  ([a-z0-9-]+):", RegexOptions.Multiline)]
    private static partial Regex ServiceName();
}
