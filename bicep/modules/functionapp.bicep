// Azure Functions app (.NET isolated) on a Flex Consumption (FC1) plan.
// Every connection is identity-based through the user-assigned managed identity:
// no connection string in these settings carries a key.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Tags applied to the plan and the app.')
param tags object = {}

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Blob endpoint of the storage account, e.g. https://<account>.blob.core.windows.net/.')
param storageBlobEndpoint string

@description('Queue endpoint of the storage account.')
param storageQueueEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Blob container for generated reports.')
param reportsContainerName string

@description('Application Insights connection string (it carries no secret; ingestion is authenticated with Entra ID).')
param applicationInsightsConnectionString string

@description('Service Bus host name, e.g. <namespace>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Key Vault URI, e.g. https://<vault>.vault.azure.net/.')
param keyVaultUri string

@description('Microsoft.Identity.Web: authority host.')
param azureAdInstance string

@description('Microsoft.Identity.Web: tenant id of the API app registration.')
param azureAdTenantId string

@description('Microsoft.Identity.Web: client id of the API app registration.')
param azureAdClientId string

@description('.NET isolated runtime version.')
param runtimeVersion string = '10.0'

@description('Memory per instance (MB): 512, 2048 or 4096.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out (also the upper bound on cost).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for the Durable Functions group (orchestrators, activities, entities).')
@minValue(0)
param durableAlwaysReadyInstances int = 1

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' }) // azd finds the service's resource by this tag (azure.yaml: api)
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        // Functions host storage (also the Durable Functions task hub): identity-based.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storageBlobEndpoint
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storageQueueEndpoint
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storageTableEndpoint
        }
        // Service Bus triggers and bindings: Connection = "ServiceBus".
        {
          name: 'ServiceBus__fullyQualifiedNamespace'
          value: serviceBusFullyQualifiedNamespace
        }
        {
          name: 'ServiceBus__credential'
          value: 'managedidentity'
        }
        {
          name: 'ServiceBus__clientId'
          value: identityClientId
        }
        // Application Insights with Entra ID authentication (local auth is disabled on the component).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Azure.Identity (DefaultAzureCredential / ManagedIdentityCredential) picks the user-assigned identity from this.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        // The application's own storage clients (Tables, Queues, Blobs) and report container.
        {
          name: 'Storage__BlobServiceUri'
          value: storageBlobEndpoint
        }
        {
          name: 'Storage__QueueServiceUri'
          value: storageQueueEndpoint
        }
        {
          name: 'Storage__TableServiceUri'
          value: storageTableEndpoint
        }
        {
          name: 'Storage__ReportsContainer'
          value: reportsContainerName
        }
        // Report downloads answer 302 to a 5-minute read-only user-delegation SAS for the one blob (shared keys are
        // disabled): signed with a key the identity asks Blob Storage for at Storage__BlobServiceUri; Storage Blob
        // Data Owner (rbac.bicep) includes generateUserDelegationKey.
        {
          name: 'Finance__Downloads__UseSas'
          value: 'true'
        }
        // Merchants' webhook secrets.
        {
          name: 'KeyVault__VaultUri'
          value: keyVaultUri
        }
        // Timer schedules (six-field NCRONTAB, UTC): the timer triggers read them as %Jobs:{Name}:Schedule% and the
        // worker reads the same keys to know which occurrence a firing stands for. Defaults equal each job's DefaultSchedule.
        {
          name: 'Jobs__WeeklySettlement__Schedule'
          value: '0 0 6 * * 1'
        }
        {
          name: 'Jobs__MonthlyInvoice__Schedule'
          value: '0 0 6 1 * *'
        }
        {
          name: 'Jobs__KpiRollup__Schedule'
          value: '0 5 * * * *'
        }
        {
          name: 'Jobs__StockOutboxSweep__Schedule'
          value: '*/30 * * * * *'
        }
        // Microsoft.Identity.Web bearer-token validation.
        {
          name: 'AzureAd__Instance'
          value: azureAdInstance
        }
        {
          name: 'AzureAd__TenantId'
          value: azureAdTenantId
        }
        {
          name: 'AzureAd__ClientId'
          value: azureAdClientId
        }
        // Trust the person the linked Static Web App forwards in x-ms-client-principal (api/Auth/StaticWebAppsAuthentication.cs).
        // Safe only with App Service authentication on (staticwebapp.bicep, authsettingsV2): the app refuses to start without it.
        {
          name: 'Auth__StaticWebApps__Enabled'
          value: 'true'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output location string = functionApp.location
output defaultHostName string = functionApp.properties.defaultHostName
