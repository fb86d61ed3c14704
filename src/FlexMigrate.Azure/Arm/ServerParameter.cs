namespace FlexMigrate.Azure.Arm;

/// <summary>One server parameter as ARM describes it (a <c>configurations</c> child resource).</summary>
/// <param name="IsDynamic">False when a change needs a server restart (Flexible Server's isDynamicConfig); Single Server
/// does not say, so true there.</param>
internal sealed record ServerParameter(string Name, string Value, bool IsReadOnly, bool IsDynamic);
