namespace FlexMigrate.Orchestration;

internal static class Bootstrap;
