using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
