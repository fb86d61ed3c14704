namespace FlexMigrate.Core.Connections;

/// <summary>Marker so the project compiles before the engine lands.</summary>
internal static class Bootstrap;
