using Backoffice.Testing;
using Xunit;

namespace Backoffice.Customers.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
