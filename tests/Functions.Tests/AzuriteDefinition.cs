using Backoffice.Testing;
using Xunit;

namespace Backoffice.Functions.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
