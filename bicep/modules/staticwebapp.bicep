// Static Web App (Standard) hosting the Blazor WebAssembly operator console.
// The Function App is linked as its backend: SWA forwards /api/* to it, so the console and the API
// share one origin (no CORS), and a linked backend accepts only traffic proxied by this SWA.
// Sign-in (web/wwwroot/staticwebapp.config.json): SWA custom Entra ID authentication with the
// app registration AZURE_CLIENT_ID and its client secret AZURE_CLIENT_SECRET, a Key Vault reference
// resolved with this SWA's system-assigned identity (the secret itself is loaded by hand once; see
// docs/deployment.md, "People and roles"). SWA asks the API's rolesSource (POST /api/auth/roles) for
// the session's roles and forwards the person to the API as x-ms-client-principal.

@description('Static Web App name.')
param name string

@description('Region of the Static Web App (only a few regions host SWA; content is served globally).')
param location string

@description('Tags applied to the Static Web App.')
param tags object = {}

@description('Resource id of the Function App to link as the backend.')
param backendResourceId string

@description('Name of that Function App (known before deployment, for its App Service authentication settings).')
param backendName string

@description('Region of the Function App.')
param backendLocation string

@description('Key Vault (in this resource group) holding the Entra client secret of the sign-in app registration.')
param keyVaultName string

@description('Client (application) id of the Entra app registration people sign in with (the same one the API validates tokens for). May be empty until it exists.')
param entraClientId string

@description('Name of the Key Vault secret holding that registration\'s client secret.')
param entraClientSecretName string

@description('Entra ID login endpoint (e.g. https://login.microsoftonline.com/) for bearer tokens App Service authentication validates on the backend.')
param entraInstance string

@description('Entra tenant id people and storefront applications get tokens from.')
param entraTenantId string

// Built-in role: read secret values (the same id in every tenant).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' }) // azd finds the service's resource by this tag (azure.yaml: web)
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  // Key Vault references in SWA app settings resolve with the system-assigned identity only.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
    enterpriseGradeCdnStatus: 'Disabled'
  }
}

resource backend 'Microsoft.Web/sites@2024-04-01' existing = {
  name: backendName
}

resource linkedBackend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

// The names staticwebapp.config.json reads (clientIdSettingName, clientSecretSettingName). SWA app settings are
// changed one operation at a time, so this waits for the backend link.
resource appSettings 'Microsoft.Web/staticSites/config@2024-04-01' = {
  parent: staticWebApp
  name: 'appsettings'
  properties: {
    AZURE_CLIENT_ID: entraClientId
    AZURE_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${entraClientSecretName})'
  }
  dependsOn: [
    linkedBackend
  ]
}

// App Service authentication (EasyAuth) on the linked Function App: the platform half of the trust chain in
// docs/deployment.md. The app reads x-ms-client-principal only with it on (WEBSITE_AUTH_ENABLED, which the platform sets):
// - the "Azure Static Web Apps (Linked)" provider validates the token this SWA puts on every call it proxies, whose
//   signing keys only the platform knows (the link adds the same provider; declaring it keeps a redeploy from dropping it);
// - App Service does not let outside requests set the x-ms-client-principal* headers, so the one the app reads came
//   through the SWA;
// - Entra ID bearer tokens (storefronts calling the Function App directly) are validated here too, and HMAC-signed
//   webhooks and the health probe stay anonymous: AllowAnonymous lets the app's own policies (a fallback that requires
//   a signed-in user) answer, which they do for every endpoint.
resource backendAuthentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: backend
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureStaticWebApps: {
        enabled: true
        registration: {
          clientId: staticWebApp.properties.defaultHostname
        }
      }
      azureActiveDirectory: {
        enabled: !empty(entraClientId)
        registration: {
          clientId: entraClientId
          openIdIssuer: '${entraInstance}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
  dependsOn: [
    linkedBackend
  ]
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, staticWebApp.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: staticWebApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = staticWebApp.name
output defaultHostname string = staticWebApp.properties.defaultHostname
output uri string = 'https://${staticWebApp.properties.defaultHostname}'
