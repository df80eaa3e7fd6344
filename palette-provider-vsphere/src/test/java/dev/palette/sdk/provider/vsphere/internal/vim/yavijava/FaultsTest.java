package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.DuplicateName;
import com.vmware.vim25.InsufficientResourcesFault;
import com.vmware.vim25.LocalizedMethodFault;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.net.ConnectException;
import java.rmi.RemoteException;
import org.junit.jupiter.api.Test;

/**
 * yavijava's exceptions become faults named by vim25 type — typed ones, and the untyped ones it throws on Java 17
 * without {@code --add-opens java.base/java.lang} (read from the fault's XML), the way this module's tests run.
 */
class FaultsTest {
    @Test
    void typedFaultsAreNamedByTheirClass() {
        assertThat(Faults.of(new DuplicateName()).fault()).isEqualTo("DuplicateName");
    }

    @Test
    void untypedFaultsAreReadFromTheFaultXml() {
        RemoteException e = new RemoteException("Exception in SoapClient.invoke:", new RuntimeException("Could not map the soap fault from:\n"
                + "<faultcode>ServerFaultCode</faultcode><faultstring>The available Memory resources in the parent resource pool are "
                + "insufficient for the operation.</faultstring><detail><InsufficientResourcesFaultFault xmlns=\"urn:vim25\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"InsufficientResourcesFault\"/></detail>"));
        VimFault f = Faults.of(e);
        assertThat(f.fault()).isEqualTo("InsufficientResourcesFault");
        assertThat(f.getMessage()).isEqualTo("The available Memory resources in the parent resource pool are insufficient for the operation.");
    }

    @Test
    void aVcenterThatCannotBeReachedIsUnreachable() {
        VimFault f = Faults.of(new RemoteException("Exception caught trying to invoke method Login", new ConnectException("Connection refused")));
        assertThat(f.fault()).isEqualTo(VimFault.UNREACHABLE);
        assertThat(f.getMessage()).contains("Connection refused");
    }

    @Test
    void aTaskErrorKeepsVcentersMessageOrNamesTheFault() {
        LocalizedMethodFault error = new LocalizedMethodFault();
        error.setFault(new InsufficientResourcesFault());
        error.setLocalizedMessage("Insufficient resources to satisfy configured failover level for vSphere HA.");
        assertThat(Faults.of(error).getMessage()).isEqualTo("Insufficient resources to satisfy configured failover level for vSphere HA.");
        error.setLocalizedMessage("*types.InsufficientResourcesFault"); // vcsim's Go type name
        assertThat(Faults.of(error).getMessage()).isEqualTo("InsufficientResourcesFault");
    }
}
