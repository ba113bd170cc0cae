/** Byte vectors of the soap decoder tests (shared with the contract test). */

export const CALL = `<?xml version='1.0' encoding='utf-8'?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:add xmlns:ns0="spyne.examples.calculator"><ns0:a>10</ns0:a><ns0:b>5</ns0:b></ns0:add></soap-env:Body></soap-env:Envelope>`;
export const RESPONSE = `<?xml version='1.0' encoding='UTF-8'?>
<soap11env:Envelope xmlns:soap11env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="spyne.examples.calculator"><soap11env:Body><tns:addResponse><tns:addResult>15</tns:addResult></tns:addResponse></soap11env:Body></soap11env:Envelope>`;
export const FAULT = `<?xml version='1.0' encoding='UTF-8'?>
<soap11env:Envelope xmlns:soap11env="http://schemas.xmlsoap.org/soap/envelope/"><soap11env:Body><soap11env:Fault><faultcode>soap11env:Server</faultcode><faultstring>Internal Error</faultstring><faultactor></faultactor></soap11env:Fault></soap11env:Body></soap11env:Envelope>`;
export const WITH_HEADER = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="urn:x">
  <!-- a comment --><e:Header><x:Auth>t</x:Auth></e:Header>
  <e:Body><x:say><x:text>a &lt;b&gt; &amp; &#233;<![CDATA[ <raw> ]]></x:text><x:n xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></x:say></e:Body></e:Envelope>`;

export const SOAP_VECTORS = [CALL, RESPONSE, FAULT, WITH_HEADER];
