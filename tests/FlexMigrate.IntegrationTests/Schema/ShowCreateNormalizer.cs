using System.Text.RegularExpressions;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// Normalizes SHOW CREATE output for the intended source/target differences only: a converted engine (and the
/// options InnoDB rejects) and a rewritten definer. Everything else must match byte for byte.
/// </summary>
internal static partial class ShowCreateNormalizer
{
    public static string EngineToInnoDb(string createTable) =>
        DroppedOptions().Replace(EngineValue().Replace(createTable, m => m.Groups[1].Value + "InnoDB"), "");

    public static string DefinerPlaceholder(string createObject) =>
        Definer().Replace(createObject, "DEFINER=<definer>", 1);

    [GeneratedRegex(@"(ENGINE\s*=\s*)\w+")]
    private static partial Regex EngineValue();

    [GeneratedRegex(@" (PAGE_CHECKSUM=\d|TRANSACTIONAL=\d|ROW_FORMAT=(FIXED|PAGE))")]
    private static partial Regex DroppedOptions();

    [GeneratedRegex(@"DEFINER=([`""][^`""]*[`""]@[`""][^`""]*[`""]|CURRENT_USER)")]
    private static partial Regex Definer();
}
