namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>
/// Where tests keep what a person should be able to look at afterwards (screenshots, captured terminal screens):
/// TestResults/artifacts/ at the repository root, or FLEXMIGRATE_TEST_ARTIFACTS. Kept, not deleted, by the run.
/// </summary>
public static class TestArtifacts
{
    public static string Directory { get; } = Create();

    public static string PathFor(string kind, string fileName)
    {
        var dir = System.IO.Path.Combine(Directory, kind);
        System.IO.Directory.CreateDirectory(dir);
        return System.IO.Path.Combine(dir, fileName);
    }

    private static string Create()
    {
        var configured = Environment.GetEnvironmentVariable("FLEXMIGRATE_TEST_ARTIFACTS");
        var dir = string.IsNullOrEmpty(configured) ? System.IO.Path.Combine(RepositoryRoot(), "TestResults", "artifacts") : configured;
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The folder holding Functions.sln above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}
