using Backoffice.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>xUnit wants the collection definition in the test assembly: one Azurite for all KPI storage and HTTP tests.</summary>
[CollectionDefinition(AzuriteCollection.Name)]
public sealed class KpiAzuriteCollection : ICollectionFixture<AzuriteFixture>;
