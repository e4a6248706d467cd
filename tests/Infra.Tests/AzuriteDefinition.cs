using Backoffice.Testing;
using Xunit;

namespace Backoffice.Infra.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
