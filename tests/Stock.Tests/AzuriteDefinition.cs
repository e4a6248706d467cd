using Backoffice.Testing;
using Xunit;

namespace Backoffice.Stock.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
